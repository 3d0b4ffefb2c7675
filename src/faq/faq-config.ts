/**
 * config/faq/: how the matcher decides (matching.yaml, with the thresholds
 * measured by `npm run bench:faq`), the synonym groups it expands a question
 * with (synonyms.yaml, with the source of every group), and the starter set
 * the store is seeded with (starter.yaml).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadHelplines, type HelplineDirectory } from '../helplines/directory';
import { readYamlFile } from '../yaml-file';
import { z } from 'zod';

export interface MatchingConfig {
  /** A confident match: the top entry's confidence is at least this… */
  answerConfidence: number;
  /** …and at least this much above every other entry's (else it is a close call). */
  answerMinGap: number;
  /** Below this confidence nothing fits: the bot offers helplines and the menu. */
  offerConfidence: number;
  /** How many entries a close call offers. */
  maxChoices: number;
  /** Weight of a synonym against the word the patient typed. */
  synonymWeight: number;
  /** Field boosts in the index. */
  boosts: { questions: number; romanized: number; topics: number; answer: number };
}

export interface SynonymGroup {
  terms: string[];
  /**
   * Words that search for the group's terms, never the reverse: a kind of the thing
   * (paracetamol is a medicine, but "which medicine" does not ask about paracetamol), or a word
   * with another meaning in chat spelling ("jab" is a vaccine, and also romanized যাব, जब).
   */
  oneWay?: string[];
  /** Where the terms come from: source names declared in synonyms.yaml. */
  from: string[];
}

export interface FaqConfig {
  matching: MatchingConfig;
  synonyms: SynonymGroup[];
  /** config/faq/starter.yaml: seeded into an empty store (src/faq/starter.ts). */
  starterFile: string;
  /**
   * config/helplines.yaml, for the `{{emergency}}` of answers (src/faq/answer-placeholders.ts).
   * Absent when it cannot be read (src/config.ts reports why) or in a config built by hand:
   * `{{emergency}}` then says "your local emergency number".
   */
  helplines?: HelplineDirectory;
}

const share = z.number().min(0).max(1);
const matchingSchema = z.strictObject({
  answer: z.strictObject({ confidence: share, min_gap: share }),
  offer: z.strictObject({ confidence: share, max_choices: z.number().int().min(1).max(5) }),
  synonym_weight: share,
  boosts: z.strictObject({ questions: z.number().positive(), romanized: z.number().positive(), topics: z.number().positive(), answer: z.number().positive() }),
});

const synonymsSchema = z
  .strictObject({
    sources: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.string().min(1)),
    groups: z.array(
      z.strictObject({
        terms: z.array(z.string().trim().min(1)).min(1),
        one_way: z.array(z.string().trim().min(1)).optional(),
        from: z.array(z.string().min(1)).min(1),
      }),
    ),
  })
  .superRefine((s, ctx) => {
    s.groups.forEach((g, i) => {
      if (g.terms.length + (g.one_way?.length ?? 0) < 2) ctx.addIssue({ code: 'custom', path: ['groups', i, 'terms'], message: 'a group needs at least two words' });
    });
    s.groups.forEach((g, i) =>
      g.from.forEach((f, j) => {
        const name = f.split(/\s/)[0] ?? '';
        if (!(name in s.sources)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'from', j], message: `unknown source "${name}" (declare it under sources)` });
      }),
    );
  });

/** Reads config/faq/; problems are appended as "file: field: message" lines. */
export function loadFaqConfig(configDir: string, problems: string[]): FaqConfig | undefined {
  const dir = join(configDir, 'faq');
  const matching = readYaml(join(dir, 'matching.yaml'), matchingSchema, problems);
  const synonyms = readYaml(join(dir, 'synonyms.yaml'), synonymsSchema, problems);
  const starterFile = join(dir, 'starter.yaml');
  if (!existsSync(starterFile)) problems.push(`${starterFile}: file not found`);
  if (matching && matching.offer.confidence > matching.answer.confidence) {
    problems.push(`${join(dir, 'matching.yaml')}: offer.confidence must not be above answer.confidence`);
  }
  if (!matching || !synonyms) return undefined;
  return {
    matching: {
      answerConfidence: matching.answer.confidence,
      answerMinGap: matching.answer.min_gap,
      offerConfidence: matching.offer.confidence,
      maxChoices: matching.offer.max_choices,
      synonymWeight: matching.synonym_weight,
      boosts: matching.boosts,
    },
    synonyms: synonyms.groups.map((g) => ({ terms: g.terms, from: g.from, ...(g.one_way ? { oneWay: g.one_way } : {}) })),
    starterFile,
    ...helplinesIn(configDir),
  };
}

/** The helplines, read as src/config.ts reads them; a problem with them is reported there, once. */
function helplinesIn(configDir: string): { helplines?: HelplineDirectory } {
  try {
    return { helplines: loadHelplines(join(configDir, 'helplines.yaml')) };
  } catch {
    return {};
  }
}

function readYaml<T extends z.ZodType>(file: string, schema: T, problems: string[]): z.output<T> | undefined {
  if (!existsSync(file)) {
    problems.push(`${file}: file not found`);
    return undefined;
  }
  let data: unknown;
  try {
    data = readYamlFile(file);
  } catch (err) {
    problems.push(`${file}: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
    return undefined;
  }
  return result.data;
}
