/**
 * Through the real core and shipped flows: a request for a doctor that says where the patient is
 * ("Ami Dubai te thaki, raat e doctor er sathe kotha bolte chai", "main Riyadh mein hoon, doctor
 * chahiye", "আমি দুবাইতে থাকি, ডাক্তার দরকার") keeps that place as the patient's region
 * (src/helplines/region-in-message-action.ts): the hand-off does not ask "where are you now?", and
 * the ticket goes to that region's desk. Before, the request was acted on and the place asked again.
 */
import { getPath } from '../../src/engine/paths';
import type { Session } from '../../src/engine/session';
import type { ActionContext } from '../../src/engine/services';
import { ticketDetail } from '../../src/handoff/queue-view';
import { regionInMessageAction } from '../../src/helplines/region-in-message-action';
import type { Account } from '../../src/storage/repositories';
import { chatPerTest, consented } from '../support/chat-per-test';
import { existingConversation } from '../support/conversation';

const chat = chatPerTest();
const { run, t } = chat;
type Lang = 'bn' | 'hi' | 'en';

const askedRegion = (r: string[], lang: Lang): boolean => r.includes(t('helplines.ask.region', lang));
const region = async (user: string): Promise<unknown> => getPath(await chat.session(user), 'profile.region');

/** The open ticket's region as the console names it. */
async function ticketRegion(user: string): Promise<unknown> {
  const conv = await existingConversation(chat.tc.core.store, 'webchat', user);
  const ticket = await chat.tc.core.store.tickets.openFor(conv.id);
  if (!ticket) return undefined;
  const doctor: Account = { id: 'doc', username: 'doc', displayName: 'Doctor', roles: ['doctor'], languages: ['en', 'bn'], queues: [ticket.queue], active: true, passwordHash: '', createdAt: 0, updatedAt: 0 };
  return (await ticketDetail(chat.tc.core.handoff, ticket.id, doctor, 'en', chat.tc.clock.now))?.ticket.region;
}

/** 23:00 in Riyadh and midnight in Dubai: the Probash Bondhu desk (9 am to 9 pm Riyadh time) is closed. */
const GULF_NIGHT = Date.UTC(2026, 0, 15, 20, 0);

describe('a first message asking for a doctor from where the patient is', () => {
  it("the tester's: not asked the region; the ticket, and the closed desk's numbers, are the UAE's", async () => {
    chat.tc.clock.now = GULF_NIGHT;
    const r = await run('u', ['Ami Dubai te thaki, raat e doctor er sathe kotha bolte chai', '1', '1']);
    expect(r).toContain(t('welcome.doctor_requested', 'bn'));
    expect(askedRegion(r, 'bn')).toBe(false);
    expect(await region('u')).toBe('ae');
    expect(await ticketRegion('u')).toBe('ae');
    const said = r.join('\n');
    // The UAE's ambulance (998), never India's 108 or Saudi Arabia's 997.
    expect(said).toContain('998');
    expect(said).not.toMatch(/\b108\b|\b997\b/);
  });

  it.each<[string, string[], Lang, string]>([
    ['আমি দুবাইতে থাকি, আজ রাতে ডাক্তারের সাথে কথা বলতে চাই', ['হ্যাঁ'], 'bn', 'ae'],
    ['main Riyadh mein hoon, doctor se baat karni hai abhi', ['2', 'haan'], 'hi', 'sa'],
    ['I am in Kuwait, I need a doctor tonight', ['english', 'yes'], 'en', 'kw'],
  ])('"%s": not asked the region', async (first, then, lang, value) => {
    const r = await run('u', [first, ...then]);
    expect(r).toContain(t('welcome.doctor_requested', lang));
    expect(askedRegion(r, lang)).toBe(false);
    expect(await region('u')).toBe(value);
    expect(await ticketRegion('u')).toBe(value);
  });
});

describe('at the menu, a request for a doctor from where the patient is', () => {
  it.each<[string, Lang, string]>([
    ['main Riyadh mein hoon, doctor chahiye', 'hi', 'sa'],
    ['मैं दुबई में रहता हूँ, डॉक्टर से बात करनी है', 'hi', 'ae'],
    ['I am in Kuwait, I need a doctor', 'en', 'kw'],
    ['আমি দুবাইতে থাকি, ডাক্তার দরকার', 'bn', 'ae'],
    ['ami kuwaite thaki, doctor er sathe kotha bolte chai', 'bn', 'kw'],
  ])('"%s": not asked the region', async (text, lang, value) => {
    const r = await run('u', [...consented(lang), text]);
    expect(askedRegion(r, lang)).toBe(false);
    expect(await region('u')).toBe(value);
    expect(await ticketRegion('u')).toBe(value);
  });
});

describe('the guards: the region question as before, or the region chosen before', () => {
  it.each<[string, Lang]>([
    ['doctor se baat karni hai', 'hi'],
    ['I need a doctor', 'en'],
    ['I am in Singapore, I need a doctor', 'en'],
    ['ami Singapore e thaki, doctor er sathe kotha bolte chai', 'bn'],
  ])('"%s" at the menu: asked where', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(askedRegion(r, lang)).toBe(true);
    expect(await region('u')).toBeUndefined();
  });

  it('"I am in Singapore, I need a doctor" as a first message: asked where after consent', async () => {
    const r = await run('u', ['I am in Singapore, I need a doctor', 'english', 'yes']);
    expect(r).toContain(t('welcome.doctor_requested', 'en'));
    expect(askedRegion(r, 'en')).toBe(true);
  });

  it('a region chosen before stays: Saudi Arabia at "Helplines", then "I am in Kuwait, I need a doctor"', async () => {
    await run('u', [...consented('en'), 'helplines', 'saudi arabia']);
    expect(await region('u')).toBe('sa');
    const r = await run('u', ['menu', 'I am in Kuwait, I need a doctor']);
    expect(askedRegion(r, 'en')).toBe(false);
    expect(await region('u')).toBe('sa');
    expect(await ticketRegion('u')).toBe('sa');
  });
});

describe('helplines.region_in_message on its own', () => {
  /** The region the action saves for `text` on a session holding `vars`; undefined when it saves none. */
  function saved(text: string, vars: Record<string, unknown> = {}): unknown {
    const action = regionInMessageAction(chat.tc.core.config.helplines, chat.tc.core.translator);
    let found: unknown;
    const ctx = {
      session: { vars } as unknown as Session,
      input: { kind: 'text', text },
      args: {},
      set: (path: string, value: unknown) => {
        if (path === 'profile.region') found = value;
      },
      emit: () => undefined,
    } as unknown as ActionContext;
    void action(ctx);
    return found;
  }

  it.each([
    ['ami dubai te thaki', 'ae'],
    ['আমি দুবাইতে থাকি', 'ae'],
    ['আমি রিয়াদে থাকি', 'sa'],
    ['ami kuwaite achi', 'kw'],
    ['main Riyadh mein hoon', 'sa'],
    ['मैं दुबई में हूँ', 'ae'],
    ['I work in Abu Dhabi', 'ae'],
  ])('"%s" is %s', (text, value) => {
    expect(saved(text)).toBe(value);
  });

  it.each([['I am in Singapore'], ['I need a doctor'], ['I am from Dhaka, I work in Dubai'], ['bde']])('"%s": none', (text) => {
    expect(saved(text)).toBeUndefined();
  });

  it('a region already chosen is kept', () => {
    expect(saved('I am in Kuwait', { profile: { region: 'sa' } })).toBeUndefined();
  });
});

describe('a patient who does not consent keeps nothing their first message said', () => {
  it('the region read from "I am in Kuwait, I need a doctor" is forgotten with the rest on a no', async () => {
    await run('u', ['I am in Kuwait, I need a doctor tonight', 'english']);
    expect(await region('u')).toBe('kw');
    await run('u', ['no']);
    expect(await region('u')).toBeNull();
  });

  it('on a yes it is kept, and the hand-off does not ask it', async () => {
    const r = await run('u', ['I am in Kuwait, I need a doctor tonight', 'english', 'yes']);
    expect(askedRegion(r, 'en')).toBe(false);
    expect(await region('u')).toBe('kw');
  });
});
