/**
 * Problem 2: "Done. I will message you every day at 9 am…" was said in the turn of the patient's
 * last answer, and the enrolment was only tried after that turn was stored (Router.onCommitted):
 * when it failed (the store write threw) the confirmation went out all the same, and no check-in
 * ever came. Likewise a patient already followed who said yes again was told the new time, while
 * the old follow-up went on at its own.
 *
 * Now the patient is told what came of their yes once the enrolment has been tried
 * (src/followup/request.ts): the confirmation only when the check-ins are stored; "could not be
 * set" when the enrolment failed, logged without patient data; the running follow-up's own time
 * when there is one. The symptom check's "what next?" comes after it, as before.
 */
import { Writable } from 'node:stream';
import type { Core } from '../../src/core';
import type { Language } from '../../src/engine/flow';
import { getPath } from '../../src/engine/paths';
import { confirmAction } from '../../src/followup/confirmation';
import { RESULT_VAR } from '../../src/followup/request';
import { REQUEST_VAR } from '../../src/followup/service';
import { createLogger } from '../../src/log';
import type { Event } from '../../src/engine/events';
import type { ActionContext } from '../../src/engine/services';
import type { Session } from '../../src/engine/session';
import { existingConversation } from '../support/conversation';
import { createTestCore, type TestCore } from '../support/core';

const TO_OFFER: Record<Language, string[]> = {
  en: ['I need help', 'English', 'yes', '1', 'no', 'a mild fever and a headache', 'yes', '2', '98', '34', 'no', '0', '4', 'yes'],
  hi: ['नमस्ते जी', 'हाँ', '1', 'नहीं', 'बुखार और खाँसी', 'हाँ', '३', '97', '58', 'कोई बीमारी नहीं', '1'],
  bn: ['নমস্কার', 'হ্যাঁ', '1', 'না', 'জ্বর', 'হ্যাঁ', '২', '৯৮', '৩৪', 'না', '০', '৪', 'হ্যাঁ'],
};
const YES: Record<Language, string> = { en: 'yes', hi: 'हाँ', bn: 'হ্যাঁ' };

let tc: TestCore;
let lines: string[];

const t = (key: string, lang: Language, params?: Record<string, unknown>) => tc.core.translator.t(key, lang, params as never);
const texts = async (user: string, text: string) => (await tc.send(user, text)).map((m) => m.text);
const current = async (user: string) => tc.core.store.followups.currentFor((await existingConversation(tc.core.store, 'webchat', user)).id);
/** To the offer, yes, the morning, and the region (West Bengal): what the last answer got. */
const enrolByChat = async (lang: Language, user: string, slot = '1'): Promise<string[]> => {
  for (const text of [...TO_OFFER[lang], YES[lang], slot]) await tc.send(user, text);
  return texts(user, '1');
};
const breakEnrolment = (core: Core) => {
  core.store.followups.enrol = async () => {
    throw new Error('SQLITE_FULL: database or disk is full');
  };
};

describe('the patient is told check-ins are set only when they are', () => {
  beforeEach(async () => {
    lines = [];
    const log = createLogger({ level: 'info', destination: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) });
    tc = await createTestCore({ log });
  });
  afterEach(async () => {
    await tc.close();
  });

  it.each<Language>(['en', 'hi', 'bn'])('%s: the enrolment fails: "could not be set", never "Done"; "what next?" follows', async (lang) => {
    breakEnrolment(tc.core);
    const said = await enrolByChat(lang, 'p1');
    expect(said).toEqual([t('followup.offer.not_set', lang), t('triage.ask.next', lang)]);
    expect(said.join('\n')).not.toContain(t('followup.at.morning', lang));
    expect(await current('p1')).toBeUndefined();
    // "What next?" is still the question.
    expect(await texts('p1', '2')).toEqual([t('menu.ask', lang)]);
  });

  it('the failure is logged with the conversation id only: no message text, no user id', async () => {
    breakEnrolment(tc.core);
    await enrolByChat('en', 'patient-user-919800000001');
    const failed = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => String(l.msg).includes('enrolment failed'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 50, conversation: expect.any(String), err: 'SQLITE_FULL: database or disk is full' });
    const all = lines.join('\n');
    expect(all).not.toContain('patient-user-919800000001');
    expect(all).not.toContain('a mild fever');
  });

  it('the confirmation is stored for sending only once the enrolment is stored', async () => {
    for (const text of [...TO_OFFER.en, 'yes', '1']) await tc.send('p2', text);
    const conv = await existingConversation(tc.core.store, 'webchat', 'p2');
    // Every commit that puts a confirmation in the outbox: was the enrolment stored by then?
    const commit = tc.core.store.turns.commit.bind(tc.core.store.turns);
    const storedWhenConfirmed: boolean[] = [];
    tc.core.store.turns.commit = async (turn) => {
      if (turn.outbound.some((o) => o.text.includes('every day at 9 am'))) storedWhenConfirmed.push((await tc.core.store.followups.currentFor(conv.id)) !== undefined);
      return commit(turn);
    };
    const said = (await tc.send('p2', '1')).map((m) => m.text);
    expect(said).toEqual([expect.stringContaining('every day at 9 am, India time.'), t('triage.ask.next', 'en')]);
    expect(storedWhenConfirmed).toEqual([true]);
  });

  it('already followed: told the running follow-up goes on at its own time, not the one just chosen', async () => {
    await enrolByChat('en', 'p3', '3');
    expect(await current('p3')).toMatchObject({ slot: 'evening' });
    tc.clock.now += 3_600_000;
    for (const text of ['menu', '1', 'no', 'a mild fever and a headache', 'yes', '2', '98', '34', 'no', '0', '4', 'yes', 'yes']) await tc.send('p3', text);
    // The morning, this time; the region is known now.
    const said = await texts('p3', '1');
    expect(said).toEqual([t('followup.offer.already', 'en', { when: t('followup.at.evening', 'en'), zone: t('followup.zone.in_wb', 'en') }), t('triage.ask.next', 'en')]);
    expect(await current('p3')).toMatchObject({ slot: 'evening', state: 'active' });
  });

  it('an operator\'s offer: told what came of the yes, and asked nothing more (no symptom check called it)', async () => {
    for (const text of ['hello', 'English', 'yes']) await tc.send('p4', text);
    const conv = await existingConversation(tc.core.store, 'webchat', 'p4');
    const enrol = tc.core.store.followups.enrol.bind(tc.core.store.followups);
    breakEnrolment(tc.core);
    expect(await tc.core.followup.offer(conv.id)).toEqual({ status: 'offered' });
    tc.channels.webchat.take();
    await tc.send('p4', 'yes');
    await tc.send('p4', '2');
    expect(await texts('p4', '4')).toEqual([t('followup.offer.not_set', 'en')]);
    expect((await existingConversation(tc.core.store, 'webchat', 'p4')).session.stack).toEqual([]);
    // Offered again once the store works: the confirmation alone.
    tc.core.store.followups.enrol = enrol;
    tc.clock.now += 3_600_000;
    expect(await tc.core.followup.offer(conv.id)).toEqual({ status: 'offered' });
    await tc.send('p4', 'yes');
    expect(await texts('p4', '2')).toEqual([expect.stringContaining('every day at 2 pm, Bangladesh time.')]);
    expect((await existingConversation(tc.core.store, 'webchat', 'p4')).session.stack).toEqual([]);
  });
});

describe('a conversation on the offer flow of the version before', () => {
  // That flow says the confirmation itself right after `followup.request`: it still does, and the
  // service, told the request does not await a result, enrols without saying it a second time.
  it('confirms in the turn, as it did, and the request no longer awaits a result', () => {
    const session: Session = {
      stack: [{ flow: 'followup_offer', version: 'old', state: 'confirmed' }],
      lang: 'en',
      vars: { followup: { offer: { slot: 'morning', result: 'pending' }, request: { slot: 'morning', time: null, at: 1, awaits_result: true } }, profile: { region: 'bd' } },
      turns: 3,
    };
    const events: Event[] = [];
    const vars = new Map<string, unknown>();
    const ctx = {
      session,
      input: null,
      args: {},
      services: { now: () => 1 } as ActionContext['services'],
      set: (path: string, value: unknown) => vars.set(path, value),
      emit: (e: Event) => events.push(e),
      setLanguage: () => undefined,
    } as ActionContext;
    void confirmAction(ctx);
    expect(events).toEqual([{ type: 'msg_created', msg: expect.objectContaining({ key: 'followup.offer.confirmed' }) }]);
    expect(vars.get(REQUEST_VAR)).toEqual({ slot: 'morning', time: null, at: 1 });
    expect(vars.get(RESULT_VAR)).toBeNull();
    expect(getPath(session, REQUEST_VAR)).toMatchObject({ awaits_result: true });
  });
});
