/**
 * The router's turn waits only for what has to be read (src/router/router.ts): with no ticket
 * open, the hand-off's hooks answer at once (src/handoff/turn-hooks.ts), and the follow-up's
 * after-commit step starts nothing for a turn that concerns it not (src/followup/on-turn.ts).
 * A plain answer, not a promise: each promise awaited is a trip through the microtask queue and
 * keeps the turn's frame alive, on every message (bench/README.md, "What moved the figures").
 */
import type { Event } from '../../src/engine/events';
import { newSession } from '../../src/engine/session';
import type { FollowupService } from '../../src/followup/service';
import { followupOnTurn } from '../../src/followup/on-turn';
import type { HandoffService } from '../../src/handoff/service';
import { handoffTurnHooks } from '../../src/handoff/turn-hooks';
import type { Conversation } from '../../src/storage/repositories';

const conversation = (vars: Record<string, unknown> = {}): Conversation => ({
  id: 'c1',
  channel: 'telegram',
  userId: 'u1',
  session: { ...newSession(), vars },
  version: 3,
  createdAt: 0,
  updatedAt: 0,
});

describe('the hand-off hooks with no ticket open', () => {
  // Nothing of the service is used when no ticket is open: any use would throw.
  const hooks = handoffTurnHooks({ handoff: {} as HandoffService, interpret: { command: () => null }, newId: () => 'id', defaultLanguage: 'en' });

  it('relays nothing, at once', () => {
    expect(hooks.relays(conversation(), { kind: 'text', text: 'jor' })).toBe(false);
  });

  it('gives back the session and no ticket writes for a turn without hand-off events, at once', () => {
    const conv = conversation();
    const events: Event[] = [{ type: 'msg_created', msg: { key: 'triage.ask_days' } }];
    const effects = hooks.effects({ conversation: conv, session: conv.session, events, at: 1 });
    expect(effects).toEqual({ session: conv.session, tickets: [] });
  });
});

describe('the follow-up after a committed turn', () => {
  const called: string[] = [];
  const service = {
    tellEndOwed: async (id: string) => void called.push(`tellEndOwed ${id}`),
    stopFor: async (id: string) => void called.push(`stopFor ${id}`),
  } as unknown as FollowupService;
  const onTurn = followupOnTurn(service);

  beforeEach(() => (called.length = 0));

  it('starts nothing for a turn that writes none of its variables and ends no flow', () => {
    const events: Event[] = [
      { type: 'var_changed', path: 'triage.q.fever_days', value: 3 },
      { type: 'msg_created', msg: { key: 'triage.ask_spo2' } },
    ];
    expect(onTurn('c1', events)).toBeUndefined();
    expect(called).toEqual([]);
  });

  it('still acts on a flow that ended, and on the stop', async () => {
    await onTurn('c1', [{ type: 'flow_exited', flow: 'triage', how: 'ended' }]);
    expect(called).toEqual(['tellEndOwed c1']);
    called.length = 0;
    await onTurn('c2', [{ type: 'var_changed', path: 'followup.stopped_at', value: 5 }]);
    expect(called).toEqual(['stopFor c2']);
  });
});
