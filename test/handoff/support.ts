/**
 * Hand-off tests' helpers: a real core (test/support/core.ts: SQLite file, fixed clock,
 * seeded ids, recording channels), accounts made straight in the store, and a patient
 * walked to the main menu in their language.
 */
import type { Config } from '../../src/config';
import type { NewAccount } from '../../src/console/accounts';
import type { Language } from '../../src/engine/flow';
import { HandoffDesk } from '../../src/handoff/desk';
import type { Account, Role, Ticket } from '../../src/storage/repositories';
import { createTestCore, type TestCore } from '../support/core';

export interface HandoffTest extends TestCore {
  desk: HandoffDesk;
  /** A console account as the store holds it (no password needed here). */
  account(id: string, over?: Partial<Account>): Promise<Account>;
  /**
   * Greet, pick the language, agree: the patient is at the main menu. With a region
   * (profile.region: in_wb, bd, sa, ...), it is set through "Helplines" first, as a patient
   * would, so that asking for a doctor goes straight to the queue without the region question.
   */
  toMenu(user: string, lang: Language, region?: string): Promise<void>;
  /** Set the clock to a UTC time on 1 May 2021 (a Saturday). */
  at(hh: number, mm?: number): void;
  texts(user: string, content: string): Promise<string[]>;
  /** Every ticket the store holds. */
  tickets(): Promise<Ticket[]>;
  /** The one ticket the store holds (expects exactly one). */
  onlyTicket(): Promise<Ticket>;
  /** The patient asks for a person with `word` ("doctor", "ডাক্তার"), and `person` takes the one ticket: it is returned. */
  personTakes(user: string, word: string, person: Account): Promise<Ticket>;
  /** A text as the patient gets it, for comparing replies. */
  tr(key: string, lng: Language, params?: Record<string, string | number>): string;
}

export async function createHandoffTest(): Promise<HandoffTest> {
  const t = await createTestCore();
  const desk = new HandoffDesk(t.core.handoff);
  const first: Record<Language, [string, string | null, string]> = {
    en: ['hello', 'english', 'yes'],
    bn: ['নমস্কার', null, 'হ্যাঁ'],
    hi: ['नमस्ते', null, 'हाँ'],
  };
  return Object.assign(t, {
    desk,
    async account(id: string, over: Partial<Account> = {}) {
      const roles: Role[] = over.roles ?? ['doctor'];
      const account: Account = {
        id, username: id, displayName: `Dr ${id}`, roles, languages: ['bn', 'hi', 'en'], queues: [], active: true,
        ...(roles.includes('doctor') ? { registration: `WBMC ${id.length}1234` } : {}),
        passwordHash: 'x', createdAt: 0, updatedAt: 0, ...over,
      };
      await t.core.store.accounts.create(account);
      return account;
    },
    async toMenu(user: string, lang: Language, region?: string) {
      const [hello, pick, agree] = first[lang];
      await t.send(user, hello);
      if (pick) await t.send(user, pick);
      await t.send(user, agree);
      if (region === undefined) return;
      await t.send(user, { kind: 'choice', payload: 'helplines' });
      await t.send(user, { kind: 'choice', payload: region });
      await t.send(user, { kind: 'choice', payload: 'menu' });
    },
    at(hh: number, mm = 0) {
      t.clock.now = Date.UTC(2021, 4, 1, hh, mm);
    },
    async texts(user: string, content: string) {
      return (await t.send(user, content)).map((m) => m.text);
    },
    tickets() {
      return t.core.store.tickets.list({});
    },
    async onlyTicket() {
      const all = await t.core.store.tickets.list({});
      expect(all).toHaveLength(1);
      return all[0]!;
    },
    tr(key: string, lng: Language, params?: Record<string, string | number>) {
      return t.core.translator.t(key, lng, params);
    },
    async personTakes(user: string, word: string, person: Account) {
      await t.send(user, word);
      const all = await t.core.store.tickets.list({});
      expect(all).toHaveLength(1);
      await desk.claim(all[0]!.id, person);
      return all[0]!;
    },
  });
}

/**
 * A new hand-off test for each test of the file that calls this (made before, closed after),
 * with the clock at `hour` UTC on 1 May 2021 (10: Kolkata 15:30, every desk open). What it
 * returns stands for the current test's: `const t = handoffTestPerTest();` then `t.toMenu(...)`.
 */
export function handoffTestPerTest(hour = 10): HandoffTest {
  let current: HandoffTest | undefined;
  beforeEach(async () => {
    current = await createHandoffTest();
    current.at(hour);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as HandoffTest, {
    get(_, key) {
      if (!current) throw new Error('handoffTestPerTest: no hand-off test outside a test');
      const value = Reflect.get(current, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
}

/** The config with every hand-off desk open all day, every day: tests that do not test working hours. */
export function desksAlwaysOpen(config: Config): Config {
  const hours = [{ days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as Array<'sun'>, open: 0, close: 1440 }];
  return { ...config, handoff: { ...config.handoff, queues: config.handoff.queues.map((q) => ({ ...q, hours })) } };
}

/** The doctor the hand-off browser tests sign in as (startConsoleBrowser's `account`): replies are signed with the name and registration. */
export const MEERA: NewAccount = {
  username: 'meera', displayName: 'Dr Meera Sen', roles: ['doctor'], languages: ['bn', 'en'], queues: [], registration: 'WBMC 61234', password: 'doctor password 1',
};
