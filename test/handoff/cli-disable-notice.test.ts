/**
 * `sahay accounts disable <user>` gives the operator's chats back to the queue and tells each
 * patient so, as the console's disable does ("you are back in the queue", with their place):
 * the notice is stored with the move, and the running service's outbox sends it.
 */
import { PassThrough, Readable } from 'node:stream';
import { Command } from 'commander';
import { registerConsoleCommands } from '../../src/console/cli';
import type { Ticket } from '../../src/storage/repositories';
import { testConfig } from '../console/harness';
import { existingConversation } from '../support/conversation';
import { createHandoffTest, desksAlwaysOpen, type HandoffTest } from './support';

let t: HandoffTest;
beforeEach(async () => {
  t = await createHandoffTest();
  t.at(10);
});
afterEach(() => t.close());

/** One command line, on the same store as the running service (the SQLite file in its DATA_DIR). */
async function sahay(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const program = new Command('sahay').exitOverride();
  registerConsoleCommands(program, {
    // Its desks always open: the command runs on the real clock, and the notice says whether the desk is open now.
    config: () => desksAlwaysOpen(testConfig(t.dir)),
    setExitCode: (c) => (code = c),
    io: { input: Readable.from(['']), prompt: new PassThrough(), out: (l) => out.push(l), err: (l) => err.push(l) },
  });
  await program.parseAsync(['node', 'sahay', ...args]);
  return { code, out, err };
}

async function waitingPatient(user: string): Promise<Ticket> {
  await t.toMenu(user, 'en', 'in_wb');
  await t.send(user, 'doctor');
  const conv = await existingConversation(t.core.store, 'webchat', user);
  return (await t.core.store.tickets.openFor(conv.id))!;
}

it('tells the patient of each chat it gives back, as the console does', async () => {
  const meera = await t.account('meera');
  const ticket = await waitingPatient('p1');
  await t.desk.claim(ticket.id, meera);
  t.channels.webchat.take();

  expect(await sahay('accounts', 'disable', 'meera')).toEqual({ code: 0, out: ['meera is disabled.'], err: [] });
  expect(await t.core.store.tickets.get(ticket.id)).toMatchObject({ state: 'waiting', assigneeId: null });

  // Stored with the move, in the patient's conversation: back in the queue, with their place.
  const backInQueue = t.tr('handoff.moved.released', 'en', { status: '' }).trim();
  const last = (await t.core.store.messages.list(ticket.conversationId)).filter((m) => m.direction === 'out').at(-1);
  expect(last?.content).toMatchObject({ kind: 'text', text: expect.stringContaining(backInQueue) });
  expect(last?.content).toMatchObject({ text: expect.stringContaining('You are number 1 in the queue') });

  // The running service's outbox sends it to the patient's own app (the command stamped it with the real clock).
  t.clock.now = Date.now() + 1000;
  await t.core.outbox.deliverDue();
  const sent = t.channels.webchat.take().map((m) => m.text).join('\n');
  expect(sent).toContain(backInQueue);
});
