/**
 * What a crash can leave behind without a replica set (see turns-ordered.ts):
 * committed turns not settled, and claims of turns that never committed. The
 * store runs this at open and, throttled, from the outbox sweep, so that the
 * replies of a turn interrupted in one process are delivered by another.
 * With transactions nothing is ever left behind, and this finds nothing.
 */
import type { Collections } from './collections';
import { resolveClaim } from './claims';
import { settleTurn } from './settle';

export interface RecoveryReport {
  settled: number;
  releasedClaims: number;
}

const BATCH = 100;

export async function recover(c: Collections, now: number, claimTtlMs: number): Promise<RecoveryReport> {
  const report: RecoveryReport = { settled: 0, releasedClaims: 0 };
  for (const conv of await c.conversations.find('conversations.unsettled', { 'settle.inboundId': { $exists: true } }, { limit: BATCH })) {
    await settleTurn(c, conv);
    report.settled += 1;
  }
  for (const claim of await c.messages.find('messages.staleClaims', { claimedAt: { $lte: now - claimTtlMs } }, { limit: BATCH })) {
    const fate = await resolveClaim(c, claim, now, claimTtlMs);
    if (fate === 'released') report.releasedClaims += 1;
    if (fate === 'committed') report.settled += 1;
  }
  return report;
}
