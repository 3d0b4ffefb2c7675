/**
 * A patient swipes one of our older numbered questions on WhatsApp and types "1":
 * that is an answer to the old question, not to the one the bot is waiting on. The
 * channel refuses it with the stale notice (`common.stale_reply`, Telegram's `common.stale_button` worded for a reply) in the
 * patient's language and the current question stays open; a reply quoting the latest
 * question, a long reply, or one quoting what this process does not know goes on.
 */
import type { OutboundMessage } from '../../../src/router/message';
import { whatsappWorld, type WhatsAppWorld } from './conversation';
import { existingConversation } from '../../support/conversation';
import { quoting, variant } from './fixtures';
import { harness, type Harness } from './support';
import { until } from '../../support/until';

const PATIENT = '919800000001@c.us';
const YES_NO = [
  { payload: 'yes', title: 'Yes' },
  { payload: 'no', title: 'No' },
];

function question(id: string, text: string): OutboundMessage {
  return { id, conversationId: 'conv-1', channel: 'whatsapp', userId: PATIENT, text, choices: YES_NO };
}

/** A patient's text, written as a reply to our message `quotedId`. */
const reply = (body: string, quotedId: string) => quoting(variant('text', { body }, PATIENT), quotedId);


describe('the channel', () => {
  let h: Harness;
  let notices: string[];
  beforeEach(async () => {
    notices = [];
    h = harness({
      staleMenuNotice: async (conversationId) => {
        notices.push(conversationId);
        return 'That button belongs to an earlier question. Please answer the latest message.';
      },
    });
    await h.start();
    h.client().link();
    await h.channel.send(question('out-1', 'Do you agree?'));
    await h.channel.send(question('out-2', 'Any danger signs?'));
  });
  afterEach(() => h.channel.stop());

  const sentIds = () => h.client().sent.map((s) => s.id);

  it('refuses "1" quoting an older question: a notice in the chat, nothing for the router, a log line without text or ids', async () => {
    const [consent] = sentIds();
    h.client().receive(reply('1', consent!));
    await until(() => h.client().sent.length === 3);

    expect(h.received).toEqual([]);
    expect(notices).toEqual(['conv-1']);
    expect(h.client().sent[2]).toMatchObject({ chatId: PATIENT, text: 'That button belongs to an earlier question. Please answer the latest message.' });
    expect(await h.metric('sahay_whatsapp_ignored_total', { reason: 'stale_menu' })).toBe(1);
    const refused = h.logs().filter((l) => l.reason === 'stale_menu');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.msg).toMatch(/refused/);
    const logs = h.rawLogs();
    for (const secret of ['919800000001', consent!, '3EB0TEST', 'conv-1']) expect({ secret, found: logs.includes(secret) }).toEqual({ secret, found: false });

    // The current question is still open: "2" quoting it is its answer.
    const [, danger] = sentIds();
    h.client().receive(reply('2', danger!));
    await until(() => h.received.length === 1);
    expect(h.received.map((m) => m.content)).toEqual([{ kind: 'text', text: '2' }]);
  });

  it('lets through a long reply quoting an older question, a reply quoting the latest, and one quoting a message it does not know', async () => {
    const [consent, danger] = sentIds();
    h.client().receive(reply('1 but I also have a headache since yesterday', consent!));
    await until(() => h.received.length === 1);
    // That answered the latest question: a number quoting it now is stale too (as a second press on Telegram).
    h.client().receive(reply('2', danger!));
    await until(() => h.client().sent.length === 3);
    expect(notices).toEqual(['conv-1']);

    await h.channel.send(question('out-3', 'Is that right?'));
    h.client().receive(reply('1', sentIds()[3]!));
    h.client().receive(reply('1', 'SENT-BEFORE-A-RESTART'));
    await until(() => h.received.length === 3);
    expect(h.received.map((m) => m.content)).toEqual([
      { kind: 'text', text: '1 but I also have a headache since yesterday' },
      { kind: 'text', text: '1' },
      { kind: 'text', text: '1' },
    ]);
    expect(notices).toEqual(['conv-1']);
  });

  it('without a notice to give (no hook wired), judges nothing: every reply goes on as before', async () => {
    await h.channel.stop();
    h = harness();
    await h.start();
    h.client().link();
    await h.channel.send(question('out-1', 'Do you agree?'));
    await h.channel.send(question('out-2', 'Any danger signs?'));
    h.client().receive(reply('1', sentIds()[0]!));
    await until(() => h.received.length === 1);
    expect(h.received.map((m) => m.content)).toEqual([{ kind: 'text', text: '1' }]);
  });
});

describe('a whole conversation (real router, engine and flows)', () => {
  let w: WhatsAppWorld;
  beforeEach(async () => {
    w = await whatsappWorld();
  });
  afterEach(() => w.close());

  it('"১" quoting the consent question while the danger-signs question waits is not a "yes" to danger signs', async () => {
    const rina = w.patient(PATIENT, 'bn');
    await rina.say(variant('text', {}, rina.jid)); // "জ্বর আর কাশি…": hello, notice, consent
    const consent = rina.sent.at(-1)!;
    expect(consent.text.startsWith(w.tr('welcome.ask.consent', 'bn'))).toBe(true);
    const afterConsent = await rina.say('১');
    const danger = rina.sent.at(-1)!;
    expect(afterConsent.at(-1)!.startsWith(w.tr('triage.ask.danger_signs', 'bn'))).toBe(true);

    // The patient swipes the consent question ("do you agree?") and types "১" (yes) again.
    const stale = [...(await rina.say(quoting(variant('text', { body: '১' }, rina.jid), consent.id, consent.text))), ...(await rina.flush())];
    expect(stale).toEqual([w.tr('common.stale_reply', 'bn')]);
    // Not stored as "yes, I have a danger sign" (which would have sent them to emergency advice).
    expect(await rina.session('triage.q.danger_signs')).toBeUndefined();
    expect(await rina.session('triage.level')).toBeUndefined();

    // The danger-signs question is still the one waiting: "২" quoting it is its answer.
    const next = await rina.say(quoting(variant('text', { body: '২' }, rina.jid), danger.id, danger.text));
    expect(await rina.session('triage.q.danger_signs')).toBe(false);
    expect(next.at(-1)).toBe(w.tr('triage.ask.symptoms_more', 'bn'));
  });

  it('while the patient waits for a person, a quoted "১" is theirs to read: kept for the person, no notice', async () => {
    const rina = w.patient(PATIENT, 'bn');
    await rina.say(variant('text', {}, rina.jid));
    const consent = rina.sent.at(-1)!;
    await rina.say('১');
    // A person, then the region (a list), then the queue.
    await rina.say('ডাক্তার');
    const region = await rina.say(rina.pick('region.in_wb'));
    // Nobody online: the place, and no minutes promised.
    expect(region.at(-1)).toBe(w.tr('handoff.ask.waiting_unstaffed', 'bn', { position: 1 }));
    const conversation = await existingConversation(w.t.core.store, 'whatsapp', rina.jid);
    expect(await w.t.core.store.tickets.openFor(conversation.id)).toMatchObject({ state: 'waiting' });

    const quoted = [...(await rina.say(quoting(variant('text', { body: '১' }, rina.jid), consent.id, consent.text))), ...(await rina.flush())];
    expect(quoted).not.toContain(w.tr('common.stale_reply', 'bn'));
    const transcript = await w.t.core.store.messages.list(conversation.id);
    expect(transcript.filter((m) => m.direction === 'in').at(-1)?.content).toEqual({ kind: 'text', text: '১' });
  });
});
