/**
 * Ticks the follow-up runner (src/followup/service.ts) on config/followup.yaml's cron
 * (every minute by default). The runner asks the store what is due and claims each
 * check-in atomically, so a slow tick, a restart or a second process never sends twice.
 */
import { schedule } from 'node-cron';
import type { FollowupService } from '../followup/service';
import { safeErrorText, type Logger } from '../log';

export function startFollowupJob(service: FollowupService, expression: string, log: Logger): { stop(): void } {
  let running = false;
  const task = schedule(expression, () => {
    // A tick still running (a slow store) is not overlapped by the next.
    if (running) return;
    running = true;
    service
      .tick()
      .then((c) => {
        if (c.started || c.answered || c.missed) log.info(c, 'follow-up tick');
      })
      .catch((err: unknown) => log.error({ err: safeErrorText(String((err as Error)?.message ?? err)) }, 'follow-up tick failed'))
      .finally(() => {
        running = false;
      });
  });
  return {
    stop() {
      void task.stop();
    },
  };
}
