import { Writable } from 'node:stream';
import { ChannelSendError, type Channel, type Handover } from '../../src/channels/channel';
import { notLinked } from '../../src/channels/whatsapp/send-errors';
import { createLogger } from '../../src/log';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { createTestCore, type TestCore } from '../support/core';
import { existingConversation } from '../support/conversation';
import { textWithNumbers } from '../support/emergency-numbers';

describe('router', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore();
  });
  afterEach(async () => t.close());

  const first = (userId: string, id?: string) => t.send(userId, 'নমস্কার', id ? { id } : {});
  /** What `first` gets back: the greeting, the notice and the consent question, in Bengali. */
  const greeting = () => [t.core.translator.t('welcome.hello', 'bn'), textWithNumbers(t.core.translator, t.core.config, 'welcome.notice_with_numbers', 'bn'), t.core.translator.t('welcome.ask.consent', 'bn')];
  /** A web chat webhook response not written yet: `written(ok)` settles it. */
  function unwrittenResponse(): { response: Promise<boolean>; written: (ok: boolean) => void } {
    let written!: (ok: boolean) => void;
    const response = new Promise<boolean>((resolve) => (written = resolve));
    return { response, written };
  }

  it('processes a duplicate inbound message once, sequentially and concurrently', async () => {
    expect((await first('dup-a', 'p-1')).map((m) => m.text)).toEqual(greeting());
    expect(await t.send('dup-a', 'হ্যাঁ', { id: 'p-1' })).toEqual([]);
    // A redelivery after the conversation moved on: the turn it would make is thrown away.
    const answered = await t.send('dup-a', 'হ্যাঁ', { id: 'p-1b' });
    expect(answered.length).toBeGreaterThan(0);
    expect(await t.send('dup-a', 'নমস্কার', { id: 'p-1' })).toEqual([]);
    const convA = await existingConversation(t.core.store, 'webchat', 'dup-a');
    expect(convA.version).toBe(2);
    const logA = await t.core.store.messages.list(convA.id);
    expect(logA.filter((m) => m.direction === 'in')).toHaveLength(2);
    expect(logA.filter((m) => m.direction === 'out')).toHaveLength(3 + answered.length);
    await expect(t.core.store.outbox.countByStatus()).resolves.toEqual({ pending: 0, sent: 3 + answered.length, dead: 0 });
    const [a, b, c] = await Promise.all([t.send('dup-b', 'hi', { id: 'p-2' }), t.send('dup-b', 'hi', { id: 'p-2' }), t.send('dup-b', 'hi', { id: 'p-2' })]);
    // The recording channel is shared, so count what was sent in all: one turn's two replies.
    expect([a, b, c].flat()).toHaveLength(2);
    const conv = await existingConversation(t.core.store, 'webchat', 'dup-b');
    expect(conv.version).toBe(1);
    expect((await t.core.store.messages.list(conv.id)).filter((m) => m.direction === 'in')).toHaveLength(1);
  });

  it('makes no conversation id for a message of an existing conversation', async () => {
    await first('ids');
    await t.send('ids', 'হ্যাঁ');
    const conv = await existingConversation(t.core.store, 'webchat', 'ids');
    expect(conv.id).toMatch(/^id-\d+$/);
    // The test core's ids count up: the conversation's, then each message's, with none made and left unused.
    const numbers = [conv.id, ...(await t.core.store.messages.list(conv.id)).map((m) => m.id)].map((id) => Number(id.replace(/^id-/, '')));
    expect(numbers.length).toBeGreaterThan(5);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  });

  it('runs the turns of one conversation one at a time, in arrival order', async () => {
    await first('order');
    // Three answers sent at once: consent yes, the helplines menu entry, region 1 (West Bengal).
    const replies = await Promise.all([t.send('order', 'হ্যাঁ'), t.send('order', 'হেল্পলাইন ও অ্যাম্বুলেন্স'), t.send('order', '১')]);
    expect(replies.map((r) => r.at(-1)?.text)).toEqual(['menu.ask', 'helplines.ask.region', 'helplines.ask.next'].map((k) => t.core.translator.t(k, 'bn')));
  });

  describe("delivering a turn's replies without reading them back", () => {
    /** Counts the outbox reads of one patient's pending items. */
    function countReads(): { reads: number } {
      const counted = { reads: 0 };
      const due = t.core.store.outbox.due.bind(t.core.store.outbox);
      t.core.store.outbox.due = (now, opts) => {
        if (opts?.userId !== undefined) counted.reads += 1;
        return due(now, opts);
      };
      return counted;
    }

    it('sends the replies it just stored when nothing else was pending for the patient, and marks them sent', async () => {
      const counted = countReads();
      expect((await first('known')).map((m) => m.text)).toEqual(greeting());
      expect((await t.send('known', 'হ্যাঁ')).at(-1)?.text).toBe(t.core.translator.t('menu.ask', 'bn'));
      expect(counted.reads).toBe(0);
      await expect(t.core.store.outbox.countByStatus()).resolves.toMatchObject({ pending: 0, dead: 0 });
    });

    it('reads the outbox instead when a delivery read it after the commit, so that nothing is sent twice', async () => {
      const counted = countReads();
      // Between the commit and the turn's own delivery, another delivery for the patient (a sweep, an
      // operator's reply going out) reads the outbox and sends the new replies itself.
      t.core.router.onCommitted = () => t.core.outbox.deliverTo('webchat', 'raced');
      expect((await first('raced')).map((m) => m.text)).toEqual(greeting());
      expect(counted.reads).toBe(2);
      await expect(t.core.store.outbox.countByStatus()).resolves.toEqual({ pending: 0, sent: 3, dead: 0 });
    });

    it('reads the outbox instead when another process wrote to the store after the commit (its delivery may have sent them)', async () => {
      const counted = countReads();
      const file = (t.core.store as SqliteStore).db.name;
      // Another process on the same file delivers to the patient between the commit and the turn's own delivery.
      t.core.router.onCommitted = async () => {
        const other = openSqliteStore({ file });
        try {
          for (const item of await other.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'webchat', userId: 'elsewhere' })) await other.outbox.markSent(item.id, t.clock.now);
        } finally {
          await other.close();
        }
      };
      expect(await first('elsewhere')).toEqual([]);
      expect(counted.reads).toBe(1);
      await expect(t.core.store.outbox.countByStatus()).resolves.toEqual({ pending: 0, sent: 3, dead: 0 });
    });

    it('reads the outbox when something older was still pending, and sends that first', async () => {
      const web = t.channels.webchat;
      web.failWith = new ChannelSendError('not connected', true, undefined, true);
      expect(await first('older')).toEqual([]);
      web.failWith = undefined;
      const counted = countReads();
      // The older replies wait while the patient seemed away, but the patient just wrote: everything goes, oldest first.
      const sent = await t.send('older', 'হ্যাঁ');
      expect(counted.reads).toBe(1);
      expect(sent.slice(0, 3).map((m) => m.text)).toEqual(greeting());
      expect(sent.at(-1)?.text).toBe(t.core.translator.t('menu.ask', 'bn'));
      await expect(t.core.store.outbox.countByStatus()).resolves.toMatchObject({ pending: 0 });
    });
  });

  it('sends a reply whose sent mark could not be stored, and sends it again at the next delivery (at least once, never lost)', async () => {
    const markSent = t.core.store.outbox.markSent.bind(t.core.store.outbox);
    t.core.store.outbox.markSent = () => Promise.reject(new Error('disk full'));
    // The turn still resolves, once every mark was tried: its replies went out, and stay pending.
    expect((await first('unmarked')).map((m) => m.text)).toEqual(greeting());
    await expect(t.core.store.outbox.countPending()).resolves.toBe(3);
    t.core.store.outbox.markSent = markSent;
    const sent = await t.send('unmarked', 'হ্যাঁ');
    expect(sent.map((m) => m.text)).toEqual([...greeting(), t.core.translator.t('menu.ask', 'bn')]);
    await expect(t.core.store.outbox.countByStatus()).resolves.toMatchObject({ pending: 0, dead: 0 });
  });

  it('keeps committed replies in the outbox when sending fails, and delivers them later in order', async () => {
    const web = t.channels.webchat;
    web.failWith = new ChannelSendError('network down', true);
    expect(await first('retry')).toEqual([]);
    const conv = await existingConversation(t.core.store, 'webchat', 'retry');
    expect(conv.version).toBe(1); // the turn is committed even though nothing was sent
    expect((await t.core.store.outbox.countByStatus()).pending).toBe(3);

    web.failWith = undefined;
    await t.core.outbox.deliverDue(); // too early: the retry is scheduled with backoff
    expect(web.sent).toHaveLength(0);
    // Each sweep reports what is still waiting (sahay_outbox_pending).
    const pendingGauge = async () => (await t.core.metrics.outboxPending.get()).values[0]?.value;
    await expect(pendingGauge()).resolves.toBe(3);
    t.clock.now += 60_000;
    await t.core.outbox.deliverDue();
    expect(web.take().map((m) => m.text)).toEqual(greeting());
    expect(await t.core.store.outbox.countByStatus()).toEqual({ pending: 0, sent: 3, dead: 0 });
    await expect(pendingGauge()).resolves.toBe(0);
  });

  it('sends the committed replies of a turn when its message is retried (the first response was lost)', async () => {
    const web = t.channels.webchat;
    web.failWith = new ChannelSendError('webhook response lost', true, undefined, true);
    expect(await first('lost', 'p-lost')).toEqual([]);
    expect((await t.core.store.outbox.countByStatus()).pending).toBe(3);
    web.failWith = undefined;
    // The same message again: no second turn, but the replies waiting for it go out now.
    const retried = await t.send('lost', 'নমস্কার', { id: 'p-lost' });
    expect(retried.map((m) => m.text)).toEqual(greeting());
    expect(await t.core.store.outbox.countByStatus()).toEqual({ pending: 0, sent: 3, dead: 0 });
    expect(await t.send('lost', 'নমস্কার', { id: 'p-lost' })).toEqual([]);
  });

  it('marks replies put in an unwritten response sent only once it is written, and sends them again, in order, if it never is', async () => {
    const web = t.channels.webchat;
    const hello = greeting();
    // A web chat webhook turn: the replies join its response, which is written after the turn.
    const { response, written } = unwrittenResponse();
    let turnOpen = true;
    const send = jest.spyOn(web as Channel, 'send').mockImplementation(async (m) => {
      web.sent.push(m);
      return { delivered: response, joinable: () => turnOpen };
    });
    expect((await first('held')).map((m) => m.text)).toEqual(hello);
    expect(await t.core.store.outbox.countByStatus()).toEqual({ pending: 3, sent: 0, dead: 0 });
    // While the response is still being assembled, another delivery adds nothing twice.
    await t.core.outbox.deliverTo('webchat', 'held', { force: true });
    expect(web.take()).toEqual([]);
    // The turn is over, its response not written yet: a delivery waits for it.
    turnOpen = false;
    send.mockRestore();
    const next = t.core.outbox.deliverTo('webchat', 'held', { force: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(web.sent).toEqual([]);
    written(false); // the connection closed first
    await next;
    expect(web.take().map((m) => m.text)).toEqual(hello);
    expect(await t.core.store.outbox.countByStatus()).toEqual({ pending: 0, sent: 3, dead: 0 });
  });

  it('asks each reply to follow the one before it in an unwritten response, and keeps it back when that response has closed', async () => {
    const web = t.channels.webchat;
    const hello = greeting();
    const { response, written } = unwrittenResponse();
    // The response closes (the turn is over) once the first reply is in it, before the outbox
    // sends the second: the channel refuses to send that one any other way.
    let turnOpen = true;
    const handovers: Handover[] = [];
    const afters: Array<Handover | undefined> = [];
    const send = jest.spyOn(web as Channel, 'send').mockImplementation(async (m, opts) => {
      afters.push(opts?.after);
      if (opts?.after && (!turnOpen || opts.after !== handovers.at(-1))) throw new ChannelSendError('response already being written', true);
      web.sent.push(m);
      const handover: Handover = { delivered: response, joinable: () => turnOpen };
      handovers.push(handover);
      turnOpen = false;
      return handover;
    });
    try {
      // The first reply went into the response; the second was to follow it there and was refused.
      expect((await first('race')).map((m) => m.text)).toEqual(hello.slice(0, 1));
      expect(afters).toEqual([undefined, handovers[0]]);
      expect(await t.core.store.outbox.countByStatus()).toEqual({ pending: 3, sent: 0, dead: 0 });
    } catch (err) {
      written(false); // the core's close waits for the response to settle
      throw err;
    } finally {
      send.mockRestore();
    }
    // The response is written: the first reply is marked sent, and the others follow it, in order.
    written(true);
    t.clock.now += 60_000;
    await t.core.outbox.deliverTo('webchat', 'race', { force: true });
    expect(web.take().map((m) => m.text)).toEqual(hello.slice(1));
    expect(await t.core.store.outbox.countByStatus()).toEqual({ pending: 0, sent: 3, dead: 0 });
  });

  it('marks replies in a response sent once it is written', async () => {
    const web = t.channels.webchat;
    const { response, written } = unwrittenResponse();
    jest.spyOn(web as Channel, 'send').mockImplementation(async (m) => {
      web.sent.push(m);
      return { delivered: response, joinable: () => false };
    });
    expect(await first('written')).toHaveLength(3);
    expect((await t.core.store.outbox.countByStatus()).pending).toBe(3);
    written(true);
    await t.core.outbox.deliverTo('webchat', 'written', { force: true }); // waits for the marks
    expect(web.take()).toEqual([]);
    expect(await t.core.store.outbox.countByStatus()).toEqual({ pending: 0, sent: 3, dead: 0 });
  });

  it('gives up on a message the platform refuses for good, and goes on with the next', async () => {
    t.channels.webchat.failWith = new ChannelSendError('bot was blocked by the user', false);
    await first('blocked');
    expect(await t.core.store.outbox.countByStatus()).toEqual({ pending: 0, sent: 0, dead: 3 });
  });

  it('holds an offline user’s messages without giving up, and sends them when they come back', async () => {
    t.channels.webchat.failWith = new ChannelSendError('not connected', true, undefined, true);
    await first('offline');
    for (let i = 0; i < 20; i++) {
      t.clock.now += 2 * 3600_000;
      await t.core.outbox.deliverDue();
    }
    expect((await t.core.store.outbox.countByStatus()).pending).toBe(3);
    t.channels.webchat.failWith = undefined;
    await t.core.outbox.deliverTo('webchat', 'offline', { force: true });
    expect(t.channels.webchat.take()).toHaveLength(3);
  });

  it('keeps a wait the platform asked for when the patient writes again: nothing is sent before it ends, no attempt is used', async () => {
    const wa = t.channels.whatsapp;
    const send = (text: string) => t.send('wa-busy', text, { channel: 'whatsapp' });
    // WhatsApp's own send queue is full: try again in 30 s (send-queue.ts).
    wa.failWith = new ChannelSendError('WhatsApp send queue full', true, 30_000);
    expect(await send('নমস্কার')).toEqual([]);
    const [welcome] = await t.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'whatsapp', userId: 'wa-busy' });
    expect(welcome).toMatchObject({ attempts: 1, nextAttemptAt: t.clock.now + 30_000 });
    const tried = jest.spyOn(wa, 'send');
    // The patient keeps writing during the wait (a second apart): each turn is stored, nothing is tried.
    for (let i = 0; i < 12; i++) expect(await send('হ্যালো')).toEqual([]);
    expect(tried).not.toHaveBeenCalled();
    await expect(t.core.store.outbox.get(welcome!.id)).resolves.toMatchObject({ status: 'pending', attempts: 1 });
    // The wait over, everything goes in the order it was said.
    wa.failWith = undefined;
    t.clock.now = welcome!.nextAttemptAt;
    await t.core.outbox.deliverDue();
    expect(wa.take().slice(0, 3).map((m) => m.text)).toEqual(greeting());
    expect(await t.core.store.outbox.countByStatus()).toMatchObject({ pending: 0, dead: 0 });
  });

  it('does not count the sweeps of a patient who stays offline as attempts: a later transient error is retried', async () => {
    const wa = t.channels.whatsapp;
    wa.failWith = notLinked();
    await t.send('wa-unlinked', 'hello', { channel: 'whatsapp' });
    for (let i = 0; i < 12; i++) {
      t.clock.now += 2 * 3600_000;
      await t.core.outbox.deliverDue();
    }
    const [welcome] = await t.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'whatsapp', userId: 'wa-unlinked' });
    expect(welcome).toMatchObject({ attempts: 0, lastError: 'WhatsApp is not linked right now' });
    // Linked again, and the first send blinks (puppeteer's page was reloading).
    wa.failWith = new ChannelSendError('WhatsApp send failed: Evaluation failed', true);
    await t.core.outbox.deliverTo('whatsapp', 'wa-unlinked', { force: true });
    await expect(t.core.store.outbox.get(welcome!.id)).resolves.toMatchObject({ status: 'pending', attempts: 1 });
    wa.failWith = undefined;
    t.clock.now += 60_000;
    await t.core.outbox.deliverDue();
    expect(wa.take().length).toBeGreaterThan(0);
    expect(await t.core.store.outbox.countByStatus()).toMatchObject({ pending: 0, dead: 0 });
  });

  it('stores a 5,000-character mixed-script message whole and answers it normally', async () => {
    const long = 'জ্বর fever बुखार 😷 '.repeat(280).slice(0, 5000);
    const replies = await t.send('long', long);
    expect(replies.length).toBeGreaterThan(0);
    const conv = await existingConversation(t.core.store, 'webchat', 'long');
    const [inbound] = await t.core.store.messages.list(conv.id);
    expect(inbound!.content).toEqual({ kind: 'text', text: long });
  });

  it('reads the end of a long message too: a danger sign after 1,300 characters of story is the emergency', async () => {
    const story = 'kal se papa ko bukhar hai, dawai di, thoda kam hua, phir se badh gaya, doctor ko phone kiya par mile nahi. '.repeat(13);
    expect(story.length).toBeGreaterThan(1300);
    const replies = await t.send('long-story', `${story}aur abhi unko saans nahi aa rahi, hont neele pad gaye`);
    const conv = await existingConversation(t.core.store, 'webchat', 'long-story');
    expect(conv.session.stack.map((f) => f.flow)).toContain('emergency');
    expect(replies.length).toBeGreaterThan(0);
  });

  it('reads the middle of a long story too, up to 5,000 characters: a danger sign there is the emergency', async () => {
    const part = 'meri maa ko kal se bahut kamzori hai aur woh theek se kha nahi pa rahi hain, ghar mein sab pareshan hain. '.repeat(22);
    const text = `${part}unke hont neele pad gaye hain. ${part}`;
    expect(text.length).toBeGreaterThan(4600);
    await t.send('middle-story', text);
    const conv = await existingConversation(t.core.store, 'webchat', 'middle-story');
    expect(conv.session.stack.map((f) => f.flow)).toContain('emergency');
  });

  it('never logs message text or user ids', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger({ level: 'trace', destination: sink });
    const { buildCore } = await import('../../src/core');
    const { loadConfig } = await import('../../src/config');
    const { createMetrics } = await import('../../src/metrics');
    const core = await buildCore(loadConfig({ DATA_DIR: t.dir + '/logged' }), { log, metrics: createMetrics() });
    core.channels.set('webchat', t.channels.webchat);
    t.channels.webchat.failWith = new ChannelSendError('user 919800000001@c.us unreachable', true);
    await core.router.handle({ channel: 'webchat', userId: 'secret-user-919800000001', platformMessageId: 'x1', sentAt: 0, content: { kind: 'text', text: 'আমার জ্বর, নাম রহিম' } });
    await core.close();
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    expect(all).not.toContain('secret-user');
    expect(all).not.toContain('919800000001');
    expect(all).not.toContain('রহিম');
    expect(all).not.toContain('জ্বর');
  });
});

describe('safeStack', () => {
  it("keeps an error's frames and masks its message, which the stack's first line repeats", async () => {
    const { safeStack } = await import('../../src/log');
    const err = new Error('E11000 duplicate key: { user_id: "919800000001@c.us" }');
    const stack = safeStack(err);
    expect(stack.split('\n')[0]).toBe('Error: E11000 duplicate key: { user_id: "[id]" }');
    expect(stack).toMatch(/\n\s+at /);
    expect(stack).not.toContain('919800000001');
  });
});

describe('safeErrorText', () => {
  it.each([
    ['user 919800000001@c.us unreachable', 'user [id] unreachable'],
    ['chat +91 98000-00001 not found\nat stack line', 'chat [number] not found'],
    ['Evaluation failed: 1234567890123@lid', 'Evaluation failed: [id]'],
    ['telegram 429: Too Many Requests: retry after 35', 'telegram 429: Too Many Requests: retry after 35'],
    ['WhatsApp send failed: Protocol error (Runtime.callFunctionOn): Target closed', 'WhatsApp send failed: Protocol error (Runtime.callFunctionOn): Target closed'],
  ])('%s', async (raw, logged) => {
    const { safeErrorText } = await import('../../src/log');
    expect(safeErrorText(raw)).toBe(logged);
  });
});
