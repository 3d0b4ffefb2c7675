/**
 * The patient answered "was this helpful?" after a person closed their chat.
 *
 * ```json
 * { "type": "handoff_rated", "ticket": "3f9a1c2b-…", "rating": 4 }
 * ```
 */
export interface HandoffRated {
  type: 'handoff_rated';
  ticket: string;
  /** 1 (not at all) to 5 (very helpful). */
  rating: number;
}
