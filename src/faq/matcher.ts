/**
 * From ranked candidates to what the bot does: answer (a confident match, or an entry's own
 * example question typed as it is written),
 * choose (a close call: offer the top entries), or none (offer helplines and
 * the menu; a human once hand-off exists). The thresholds are in
 * config/faq/matching.yaml and were measured with `npm run bench:faq`.
 *
 * ```ts
 * decide(index.query('how long should i isolate'), config.matching)
 * // { outcome: 'answer', candidates: [{ id: 'isolation-how-long', score: 31.2, confidence: 0.93 }, …] }
 * ```
 */
import type { MatchingConfig } from './faq-config';
import type { Candidate } from './faq-index';

export type MatchOutcome = 'answer' | 'choose' | 'none';

export interface MatchDecision {
  outcome: MatchOutcome;
  /** answer: the answer first, then the runners-up; choose: the entries offered; none: the best tries (for logs and the CLI). */
  candidates: Candidate[];
}

/**
 * `exactEntry`: the entry whose example question the patient typed as it is written
 * (exact-questions.ts). It is answered whatever the confidences say: stop words count for
 * nothing there, so "What is COVID-19?" ties with every entry that mentions COVID-19.
 */
export function decide(
  ranked: readonly Candidate[],
  cfg: Pick<MatchingConfig, 'answerConfidence' | 'answerMinGap' | 'offerConfidence' | 'maxChoices'>,
  exactEntry?: string,
): MatchDecision {
  if (exactEntry !== undefined) {
    const own = ranked.find((c) => c.id === exactEntry) ?? { id: exactEntry, score: 0, confidence: 1 };
    return { outcome: 'answer', candidates: [own, ...ranked.filter((c) => c.id !== exactEntry)].slice(0, cfg.maxChoices) };
  }
  const [top, ...rest] = ranked;
  if (!top || top.confidence < cfg.offerConfidence) return { outcome: 'none', candidates: ranked.slice(0, cfg.maxChoices) };
  // A clear winner covers the question better than any other entry by a margin.
  const runnerUp = Math.max(0, ...rest.map((c) => c.confidence));
  if (top.confidence >= cfg.answerConfidence && top.confidence - runnerUp >= cfg.answerMinGap) return { outcome: 'answer', candidates: ranked.slice(0, cfg.maxChoices) };
  // A close call offers only entries that could be meant.
  const offered = ranked.filter((c) => c.confidence >= cfg.offerConfidence).slice(0, cfg.maxChoices);
  return { outcome: 'choose', candidates: offered };
}
