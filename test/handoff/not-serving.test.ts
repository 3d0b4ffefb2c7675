/**
 * An account that can no longer take patients (disabled, or no longer an operator or doctor)
 * holds no chat: it gives back the ones it holds (console/accounts.ts) and takes no new one
 * (handoff/desk.ts), whichever comes first when the two race; and a change that stopped
 * half-way is finished by making it again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleServices } from '../../src/console/mount';
import type { AccountService } from '../../src/console/accounts';
import { silentLogger } from '../../src/log';
import type { Account, Ticket } from '../../src/storage/repositories';
import { existingConversation } from '../support/conversation';
import { testConfig } from '../console/harness';
import { createHandoffTest, type HandoffTest } from './support';

let t: HandoffTest;
let accounts: AccountService;
let dir: string;

beforeEach(async () => {
  t = await createHandoffTest();
  t.at(10);
  dir = mkdtempSync(join(tmpdir(), 'sahay-not-serving-'));
  accounts = createConsoleServices({ store: t.core.store, config: testConfig(dir), log: silentLogger }).accounts;
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function waitingPatient(user: string): Promise<Ticket> {
  await t.toMenu(user, 'en', 'in_wb');
  await t.send(user, 'doctor');
  const conv = await existingConversation(t.core.store, 'webchat', user);
  return (await t.core.store.tickets.openFor(conv.id))!;
}

it('refuses a claim by an account disabled since it was read (a sign-in, an auto-assignment pass)', async () => {
  const meera = await t.account('meera');
  const ticket = await waitingPatient('p1');
  await t.core.store.accounts.update(meera.id, { active: false }, t.clock.now);
  await expect(t.desk.claim(ticket.id, meera)).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'not_serving' } });
  expect(await t.core.store.tickets.get(ticket.id)).toMatchObject({ state: 'waiting', assigneeId: null });
});

it('gives back a chat claimed while the account was being disabled', async () => {
  const meera = await t.account('meera');
  const ticket = await waitingPatient('p2');
  // The account reads as serving when the claim starts, and is disabled by the time it is taken.
  const get = t.core.store.accounts.get.bind(t.core.store.accounts);
  let reads = 0;
  t.core.store.accounts.get = async (id: string) => {
    const account = await get(id);
    return account && id === meera.id && ++reads > 1 ? { ...account, active: false } : account;
  };
  await expect(t.desk.claim(ticket.id, meera)).rejects.toMatchObject({ code: 'forbidden' });
  expect(await t.core.store.tickets.get(ticket.id)).toMatchObject({ state: 'waiting', assigneeId: null });
  // The "Dr meera has joined" stored with the claim never reaches the patient, who is still waiting.
  t.channels.webchat.take();
  await t.core.outbox.deliverTo('webchat', 'p2', { force: true });
  expect(t.channels.webchat.take().map((m) => m.text).join('\n')).not.toContain('meera');
});

it('finishes giving back the chats of an account already disabled when the change is made again', async () => {
  const meera: Account = await t.account('meera');
  const ticket = await waitingPatient('p3');
  await t.desk.claim(ticket.id, meera);
  // Disabled, but the chats were not given back (the process stopped half-way).
  await t.core.store.accounts.update(meera.id, { active: false }, t.clock.now);
  expect(await t.core.store.tickets.get(ticket.id)).toMatchObject({ state: 'assigned', assigneeId: meera.id });
  await accounts.update(meera.id, { active: false }, { cli: true });
  expect(await t.core.store.tickets.get(ticket.id)).toMatchObject({ state: 'waiting', assigneeId: null });
  const [released] = await t.core.store.audit.list({ limit: 5, action: 'ticket.released' });
  expect(released).toMatchObject({ actorId: null, targetId: ticket.id, details: { reason: 'account_disabled', via: 'cli' } });
});
