/**
 * What a FAQ entry must look like, wherever it comes from (the starter set, an
 * import file, the admin console): one zod schema, so every door checks the
 * same rules and names the same fields in its errors.
 */
import { z } from 'zod';
import { LANGUAGES, type Language } from '../engine/flow';
import type { FaqContent } from '../storage/repositories';
import { ANSWER_PLACEHOLDERS, unknownPlaceholders } from './answer-placeholders';

export const ENTRY_ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_ANSWER_CHARS = 3000;
const MAX_QUESTION_CHARS = 300;
const MAX_QUESTIONS = 30;
const MAX_SOURCE_CHARS = 500;
const MAX_TOPICS = 10;
const MAX_TOPIC_CHARS = 40;
const MAX_ID_CHARS = 80;
/**
 * The most text an entry's fields may hold, in characters, once trimmed (every answer and
 * example question of the three languages, its source, topics and id): what the console's
 * routes size their request bodies from (src/faq/console-routes.ts).
 */
export const MAX_CONTENT_CHARS = 3 * (MAX_ANSWER_CHARS + MAX_QUESTIONS * MAX_QUESTION_CHARS) + MAX_SOURCE_CHARS + MAX_TOPICS * MAX_TOPIC_CHARS + MAX_ID_CHARS;

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`));

const questionList = z.array(text(MAX_QUESTION_CHARS)).max(MAX_QUESTIONS, `at most ${MAX_QUESTIONS} example questions per language`);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  // Only for the right shape (the regex reports the rest): 2021-02-30 is not a day.
  .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || (!Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d)), 'not a real date');

export const faqContentSchema = z
  .strictObject({
    id: z.string().regex(ENTRY_ID_RE, 'lower-case letters and digits in words joined by "-", e.g. "isolation-how-long"').max(MAX_ID_CHARS),
    topics: z.array(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lower-case topic word').max(MAX_TOPIC_CHARS)).max(MAX_TOPICS).default([]),
    questions: z.strictObject({ bn: questionList.optional(), hi: questionList.optional(), en: questionList.optional() }).default({}),
    answers: z.strictObject({ bn: text(MAX_ANSWER_CHARS).optional(), hi: text(MAX_ANSWER_CHARS).optional(), en: text(MAX_ANSWER_CHARS).optional() }),
    source: text(MAX_SOURCE_CHARS),
    reviewed: isoDate,
  })
  .superRefine((c, ctx) => {
    if (LANGUAGES.every((l) => c.answers[l] === undefined)) ctx.addIssue({ code: 'custom', path: ['answers'], message: 'needs an answer in at least one language (bn, hi or en)' });
    for (const l of LANGUAGES) {
      const unknown = c.answers[l] === undefined ? [] : unknownPlaceholders(c.answers[l]);
      if (unknown.length) {
        const allowed = ANSWER_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');
        ctx.addIssue({ code: 'custom', path: ['answers', l], message: `unknown placeholder ${unknown.map((p) => `{{${p}}}`).join(', ')}: an answer may use ${allowed} (the ambulance numbers of the patient's region)` });
      }
      if (c.answers[l] !== undefined && (c.questions[l] ?? []).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['questions', l], message: `needs at least one example question in ${l}, as its answer is in ${l}` });
      }
    }
  })
  .transform((c): FaqContent => ({
    id: c.id,
    topics: c.topics,
    questions: Object.fromEntries(LANGUAGES.flatMap((l) => (c.questions[l]?.length ? [[l, c.questions[l]]] : []))),
    answers: Object.fromEntries(LANGUAGES.flatMap((l) => (c.answers[l] !== undefined ? [[l, c.answers[l]]] : []))),
    source: c.source,
    reviewed: c.reviewed,
  }));

/** The languages the entry has an answer in, in the order bn, hi, en. */
export function answerLanguages(c: FaqContent): Language[] {
  return LANGUAGES.filter((l) => c.answers[l] !== undefined);
}

export function missingLanguages(c: FaqContent): Language[] {
  return LANGUAGES.filter((l) => c.answers[l] === undefined);
}

/** The question to show for an entry in `lang`: its first example question there, else in any language. */
export function titleOf(c: FaqContent, lang: Language): string {
  return c.questions[lang]?.[0] ?? LANGUAGES.map((l) => c.questions[l]?.[0]).find((q) => q !== undefined) ?? c.id;
}

/** Two contents are the same entry text (an import of an unchanged row adds no version). */
export function sameContent(a: FaqContent, b: FaqContent): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(c: FaqContent): unknown {
  return {
    id: c.id,
    topics: c.topics,
    questions: LANGUAGES.map((l) => c.questions[l] ?? []),
    answers: LANGUAGES.map((l) => c.answers[l] ?? null),
    source: c.source,
    reviewed: c.reviewed,
  };
}
