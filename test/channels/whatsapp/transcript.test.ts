/**
 * Whole conversations on WhatsApp through the real router, engine, flows and a
 * SQLite file: recorded whatsapp-web.js message shapes in, the exact texts
 * WhatsApp shows out (numbered lists, hints in the patient's language).
 */
import { renderForWhatsApp } from '../../../src/channels/whatsapp/render';
import type { Language } from '../../../src/engine/flow';
import { fixture, variant } from './fixtures';
import { whatsappWorld, type WhatsAppWorld } from './conversation';
import { existingConversation } from '../../support/conversation';
import { until } from '../../support/until';
import { textWithNumbers } from '../../support/emergency-numbers';

let w: WhatsAppWorld;
beforeEach(async () => {
  w = await whatsappWorld();
});
afterEach(async () => {
  await w.close();
});

/** A question with yes/no as WhatsApp shows it. */
function yesNo(key: string, lng: Language): string {
  return renderForWhatsApp({ text: w.tr(key, lng), choices: [{ payload: 'yes', title: w.tr('common.yes', lng) }, { payload: 'no', title: w.tr('common.no', lng) }] }, w.hints);
}

/** Everything shown to anyone, to check that some messages get no answer at all. */
const allSent = () => w.clients.flatMap((c) => c.sent).length;

it('Bengali: welcome, consent, helplines by number in Bengali digits; photos, locations and contacts get sensible answers; groups, status and our own messages none', async () => {
  const rina = w.patient('919800000001@c.us', 'bn');

  // The recorded first message, from this patient's number.
  expect(await rina.say(fixture('text'))).toEqual([w.tr('welcome.hello', 'bn'), textWithNumbers(w.t.core.translator, w.t.core.config, 'welcome.notice_with_numbers', 'bn'), yesNo('welcome.ask.consent', 'bn')]);
  // What the patient reads, literally:
  expect(rina.shown[2]).toBe('আপনি কি এগোতে রাজি?\n\n1. হ্যাঁ\n2. না\n\n_আপনার পছন্দের নম্বরটি লিখে পাঠান।_');

  // A photo with a caption is not an answer to yes/no: asked again.
  expect(await rina.say(variant('image', {}, rina.jid))).toEqual([w.tr('common.invalid.yes_no', 'bn'), yesNo('welcome.ask.consent', 'bn')]);

  // Not for us: our own message, a group, a status update. Nobody is answered.
  const before = allSent();
  for (const name of ['own_message', 'group_message', 'status_broadcast'] as const) expect(await rina.say(fixture(name))).toEqual([]);
  expect(allSent()).toBe(before);

  // "১" = the first option, yes. The symptoms the first message named start the symptom check.
  expect(await rina.say('১')).toEqual(['আপনি জানিয়েছেন:\n• জ্বর\n• কাশি', w.tr('triage.intro', 'bn'), yesNo('triage.ask.danger_signs', 'bn')]);
  expect(await rina.session('profile.consent')).toBe(true);

  // The menu word leaves it for the main menu.
  const menu = await rina.say('মেনু');
  expect(menu).toHaveLength(1);
  expect(menu[0]!.startsWith(`${w.tr('menu.ask', 'bn')}\n\n1. `)).toBe(true);
  expect(menu[0]).toContain(`. ${w.tr('menu.option.helplines', 'bn')}\n`);
  expect(menu[0]).toMatch(/\n\n_আপনার পছন্দের নম্বরটি লিখে পাঠান।_$/);
  expect(await rina.session('profile.consent')).toBe(true);

  const regions = await rina.say(rina.pick('menu.option.helplines'));
  const regionQuestion = renderForWhatsApp(
    {
      text: w.tr('helplines.ask.region', 'bn'),
      choices: ['region.in_wb', 'region.in_ct', 'region.in_other', 'region.bd', 'region.sa', 'region.ae', 'region.qa', 'region.kw', 'region.om', 'region.bh'].map((k) => ({ payload: k, title: w.tr(k, 'bn') })),
    },
    w.hints,
  );
  expect(regions).toEqual([regionQuestion]);

  // A shared location and a contact card are not answers to this question: asked again.
  expect(await rina.say(variant('location', {}, rina.jid))).toEqual([w.tr('common.unsupported_media', 'bn'), regionQuestion]);
  expect(await rina.say(variant('contact_card', {}, rina.jid))).toEqual([w.tr('common.unsupported_media', 'bn'), regionQuestion]);

  const helplines = await rina.say(rina.pick('region.bd'));
  expect(helplines).toHaveLength(2);
  expect(helplines[0]).toContain('অ্যাম্বুলেন্স: 999');
  expect(helplines[0]).toContain('16263');
  expect(helplines[1]).toBe(`${w.tr('helplines.ask.next', 'bn')}\n\n1. ${w.tr('menu.back', 'bn')}\n2. ${w.tr('helplines.option.other_region', 'bn')}\n\n_${w.hints.bn}_`);
  expect(await rina.session('profile.region')).toBe('bd');
  expect(await rina.session('lang')).toBe('bn');

  // The conversation is keyed by our own id; the chat id is only how we reply.
  const conversation = await existingConversation(w.t.core.store, 'whatsapp', rina.jid);
  expect(conversation.id).toMatch(/^id-\d+$/);
  const stored = await w.t.core.store.messages.list(conversation.id);
  expect(stored.find((m) => m.direction === 'in' && m.content?.kind === 'media')).toMatchObject({ content: { kind: 'media', mediaType: 'image', ref: expect.stringMatching(/^false_919800000001@c\.us_/) } });
});

it('Hindi: the recorded "२" answers the numbered consent question with its second option (no)', async () => {
  const asha = w.patient('919800000002@c.us', 'hi');
  expect(await asha.say('मुझे बुखार है')).toEqual([w.tr('welcome.hello', 'hi'), textWithNumbers(w.t.core.translator, w.t.core.config, 'welcome.notice_with_numbers', 'hi'), yesNo('welcome.ask.consent', 'hi')]);
  expect(await asha.say(fixture('menu_reply_devanagari_digit'))).toEqual([textWithNumbers(w.t.core.translator, w.t.core.config, 'welcome.declined_with_numbers', 'hi')]);
  expect(await asha.session('profile.consent')).toBe(false);
});

it('a romanized first message is asked for its language, with the hint in all three', async () => {
  const p = w.patient('919800000009@c.us', 'en');
  const replies = await p.say(fixture('long_mixed_script'));
  expect(replies[0]).toBe(w.tr('welcome.hello', 'hi'));
  expect(replies[1]).toBe(
    renderForWhatsApp({ text: w.tr('welcome.ask.language', 'hi'), choices: (['bn', 'hi', 'en'] as const).map((l) => ({ payload: l, title: w.tr(`common.lang.${l}`, 'hi') })) }, w.hints),
  );
  expect(replies[1]).toContain(`_${w.hints.hi} / ${w.hints.bn} / ${w.hints.en}_`);
});

it('Hindi, symptom check to a triage result, typing Devanagari digits', async () => {
  const p = w.patient('919800000003@c.us', 'hi');
  await p.say('मुझे बुखार और खांसी है');
  // Consent: yes. The symptoms the first message named start the check (danger signs first).
  const intro = await p.say('१');
  expect(intro[0]).toBe('आपने बताया:\n• बुखार\n• खाँसी');
  expect(intro[1]).toBe(w.tr('triage.intro', 'hi'));
  expect(intro[2]).toBe(yesNo('triage.ask.danger_signs', 'hi'));
  await p.say('२'); // no danger sign now
  const confirm = await p.say('बुखार और खांसी');
  expect(confirm[confirm.length - 1]).toBe(yesNo('triage.ask.confirm', 'hi'));
  expect(await p.session('triage.q.symptoms')).toEqual(['fever', 'cough']);
  await p.say('१'); // that's right
  await p.say('३'); // fever for 3 days
  // The oximeter question: its one option is an escape, so no "reply with the number" hint.
  const age = await p.say('९६');
  expect(await p.session('triage.q.spo2')).toBe(96);
  expect(age).toEqual([w.tr('triage.ask.age', 'hi')]);
  await p.say('३०');
  await p.say('२'); // not pregnant
  await p.say('०'); // no long-term illness
  await p.say(p.pick('triage.test.not_tested'));
  const result = await p.say('२'); // no close contact

  expect(await p.session('triage.level')).toBe('home_isolation');
  expect(result[0]).toContain('🏠');
  // Home isolation offers the daily check-in (issue #12) as a numbered yes/no.
  expect(result[result.length - 1]).toBe(
    renderForWhatsApp({ text: w.tr('followup.offer.ask', 'hi'), choices: [{ payload: 'yes', title: w.tr('common.yes', 'hi') }, { payload: 'no', title: w.tr('common.no', 'hi') }] }, w.hints),
  );
  const next = await p.say('२'); // no, thank you
  expect(next[next.length - 1]).toBe(
    renderForWhatsApp({ text: w.tr('triage.ask.next', 'hi'), choices: [{ payload: 'helplines', title: w.tr('menu.option.helplines', 'hi') }, { payload: 'menu', title: w.tr('menu.back', 'hi') }] }, w.hints),
  );
  // The SpO2 question as shown: the escape option, no hint.
  const spo2 = p.shown.find((s) => s.startsWith(w.tr('triage.ask.spo2', 'hi')));
  expect(spo2).toBe(`${w.tr('triage.ask.spo2', 'hi')}\n\n1. ${w.tr('triage.option.no_oximeter', 'hi')}`);
});

it('replies that could not go out while WhatsApp was unlinked are sent as soon as it is linked again', async () => {
  const rina = w.patient('919800000001@c.us', 'bn');
  // A greeting (no symptom named): consent leads straight to the menu.
  await rina.say(variant('text', { body: 'নমস্কার' }, rina.jid));
  const first = w.clients[0]!;
  first.emit('disconnected', 'TIMEOUT');
  expect(w.channel.link.state).toBe('disconnected');

  // A message the client handed over just before the link dropped: its replies cannot go out.
  await w.t.core.router.handle({ channel: 'whatsapp', userId: rina.jid, platformMessageId: 'false_919800000001@c.us_LATE', sentAt: Date.now(), content: { kind: 'text', text: 'হ্যাঁ' } });
  const waiting = await w.t.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'whatsapp' });
  expect(waiting).toHaveLength(1);
  expect(waiting[0]).toMatchObject({ userId: rina.jid, status: 'pending' });

  // The channel restarts after its backoff (0.2 s here); the phone is still linked.
  await until(() => w.clients.length === 2);
  w.clients[1]!.link();
  // Sent, and marked so in the store (just after the send).
  const stillDue = () => w.t.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'whatsapp' });
  await until(async () => (await stillDue()).length === 0);
  await w.settle();
  expect(w.clients).toHaveLength(2);
  expect(w.clients[1]!.sent.map((s) => s.text)).toEqual([renderForWhatsApp(waiting[0]!, w.hints)]);
  expect(waiting[0]!.text).toBe(w.tr('menu.ask', 'bn'));
  expect(await w.t.core.store.outbox.due(Number.MAX_SAFE_INTEGER, { channel: 'whatsapp' })).toEqual([]);
  expect(first.killed).toBe(1);
});
