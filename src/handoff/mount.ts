/**
 * The hand-off in the running service (src/main.ts): the console's queue and
 * conversation screens with their API, the live queue's streams, /metrics, and
 * optional auto-assignment.
 *
 * ```ts
 * const handoff = startHandoff({ core, console: consoleApp, metrics, log });
 * // ... at shutdown:
 * await handoff.stop();
 * ```
 */
import type { ConsoleApp } from '../console/mount';
import type { Core } from '../core';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { AutoAssigner } from './auto-assign';
import { HANDOFF_ROLES, mountHandoffConsole } from './console-routes';
import { HandoffDesk } from './desk';
import { registerHandoffMetrics } from './metrics';
import { QueueStreams, type StreamOptions } from './sse';

export interface RunningHandoff {
  desk: HandoffDesk;
  streams: QueueStreams;
  autoAssign: AutoAssigner;
  stop(): Promise<void>;
}

export function startHandoff(deps: {
  core: Pick<Core, 'handoff' | 'store' | 'config' | 'channels'>;
  console?: ConsoleApp;
  metrics: Metrics;
  log: Logger;
  streamOptions?: Partial<StreamOptions>;
}): RunningHandoff {
  const svc = deps.core.handoff;
  const desk = new HandoffDesk(svc);
  const autoAssign = new AutoAssigner(svc, desk);
  const streams = new QueueStreams({
    svc,
    store: deps.core.store,
    console: deps.core.config.console,
    now: svc.deps.now,
    log: deps.log,
    options: { heartbeatMs: svc.config.heartbeatSeconds * 1000, ...deps.streamOptions },
    roles: HANDOFF_ROLES,
    onJoin: () => autoAssign.poke(),
  });
  registerHandoffMetrics(deps.metrics.registry, svc, deps.log);
  if (deps.console) {
    mountHandoffConsole(deps.console, { svc, desk, streams, channels: deps.core.channels });
    // Chats given back by an account that stopped serving patients wait again: the live queues
    // show them, and auto-assignment (which follows the same news) offers them.
    // Their patients are told, as by a release at the desk.
    deps.console.accounts.setReleaseNotice((ticket, at) => desk.releaseNotice(ticket, at));
    deps.console.accounts.onTicketsReleased((ticketIds) => {
      for (const ticketId of ticketIds) svc.hub.publish({ ticketId, what: 'changed' });
    });
  }
  autoAssign.start();
  return {
    desk,
    streams,
    autoAssign,
    async stop() {
      streams.closeAll();
      await autoAssign.stop();
    },
  };
}
