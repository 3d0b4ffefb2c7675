/**
 * Query expansion with the synonym groups of config/faq/synonyms.yaml: a
 * patient who writes "temperature" also searches for "fever", "জ্বর" and
 * "बुखार"; one who writes "tika" also searches for "vaccine". Every term is
 * analysed like the index (analyze.ts), so a group member of several words
 * ("difficulty breathing") matches when all its words are in the question.
 *
 * A group's one-way words (`one_way`) search for its terms but are never searched
 * for: "paracetamol" also searches for "medicine", "ওষুধ" and "दवा", while
 * "which medicine" does not ask about paracetamol; "jab" is a vaccine, but
 * "vaccine" must not search for "jab", which is also how chat spells যাব ("I will
 * go") and जब ("when").
 */
import { analyzeWords } from './analyze';
import type { SynonymGroup } from './faq-config';

export interface Expansion {
  /** A synonym the patient did not type: its index terms (several for a phrase). */
  terms: string[];
  /** The question's own terms it stands for (they count as matched when all its terms match). */
  origins: string[];
}

interface Member {
  terms: string[];
  /** Searches for the group, never searched for (see above). */
  oneWay: boolean;
}

export class Synonyms {
  /** For each group, its members as analysed terms. */
  private readonly groups: Member[][];
  /** term → groups having a member that contains it, to skip the rest. */
  private readonly byTerm = new Map<string, number[]>();

  constructor(groups: readonly SynonymGroup[]) {
    // A member is its words' main terms ("ডাক্তারের" is ডাক্তার, not also ডাক্তা).
    const member = (oneWay: boolean) => (t: string): Member => ({ terms: [...new Set(analyzeWords(t).map((w) => w[0]!))], oneWay });
    this.groups = groups.map((g) => [...g.terms.map(member(false)), ...(g.oneWay ?? []).map(member(true))].filter((m) => m.terms.length > 0));
    this.groups.forEach((members, i) => {
      for (const m of members) {
        for (const t of m.terms) {
          const list = this.byTerm.get(t) ?? [];
          if (!list.includes(i)) list.push(i);
          this.byTerm.set(t, list);
        }
      }
    });
  }

  /** The other members of every group the question names; never a member the question already has whole. */
  expand(queryTerms: readonly string[]): Expansion[] {
    const present = new Set(queryTerms);
    const out = new Map<string, Expansion>();
    const candidates = new Set(queryTerms.flatMap((t) => this.byTerm.get(t) ?? []));
    for (const g of candidates) {
      const members = this.groups[g] ?? [];
      const matched = members.filter((m) => m.terms.every((t) => present.has(t)));
      if (matched.length === 0) continue;
      const origins = [...new Set(matched.flatMap((m) => m.terms))];
      for (const m of members) {
        if (m.oneWay || m.terms.every((t) => present.has(t))) continue;
        const key = m.terms.join(' ');
        const known = out.get(key);
        if (known) known.origins = [...new Set([...known.origins, ...origins])];
        else out.set(key, { terms: m.terms, origins });
      }
    }
    return [...out.values()];
  }
}
