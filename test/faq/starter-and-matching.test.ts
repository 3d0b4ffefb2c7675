/**
 * The shipped starter set and the matcher over it: what the issue asks of the
 * content (40+ entries in three languages, sources, dates, native and romanized
 * questions, no medicine names) and how the bot decides (answer, close call,
 * no match), including the benchmark's figures as a regression floor.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LANGUAGES } from '../../src/engine/flow';
import { decide } from '../../src/faq/matcher';
import { starterContents } from '../../src/faq/starter';
import { detectScript } from '../../src/i18n/script';
import { looseText } from '../../src/i18n/normalize';
import { projectRoot } from '../../src/paths';
import { runFaqBench } from '../../bench/faq-retrieval';
import { faqTestConfig as config, freshFaqIndex } from '../support/faq';

const entries = starterContents(config.faq.starterFile);
const index = freshFaqIndex(entries);
const ask = (q: string) => decide(index.query(q), config.faq.matching);

describe('the starter set', () => {
  it('has at least 40 entries, each answered in bn, hi and en with a source and a review date', () => {
    expect(entries.length).toBeGreaterThanOrEqual(40);
    for (const e of entries) {
      for (const l of LANGUAGES) expect({ id: e.id, l, answer: (e.answers[l] ?? '').length > 40 }).toEqual({ id: e.id, l, answer: true });
      expect(e.source.length).toBeGreaterThan(3);
      expect(e.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('covers the topics the issue names', () => {
    const topics = new Set(entries.flatMap((e) => e.topics));
    for (const t of ['symptoms', 'spread', 'masks', 'testing', 'isolation', 'quarantine', 'vaccines', 'children', 'pregnancy', 'oxygen', 'mental-health', 'help']) expect(topics).toContain(t);
  });

  it('asks each bn and hi entry in native script first, and also in romanized chat spelling', () => {
    for (const e of entries) {
      for (const [lang, script] of [['bn', 'bengali'], ['hi', 'devanagari']] as const) {
        const qs = e.questions[lang] ?? [];
        expect({ id: e.id, lang, first: detectScript(qs[0] ?? '') }).toEqual({ id: e.id, lang, first: script });
        expect({ id: e.id, lang, romanized: qs.some((q) => detectScript(q) === 'latin') }).toEqual({ id: e.id, lang, romanized: true });
      }
    }
  });

  it('names no medicine and no dose (Telemedicine Practice Guidelines 2020)', () => {
    const drugs = /paracetamol|acetaminophen|ibuprofen|aspirin|ivermectin|azithromycin|doxycycline|dexamethasone|prednisolone|methylprednisolone|remdesivir|favipiravir|tocilizumab|hydroxychloroquine|\bhcq\b|zinc|vitamin|dolo|crocin|calpol|budesonide|montelukast|cetirizine|antibiotic|\d+\s*mg\b|mg\/kg|tablet[s]? (a|per|twice|three)|প্যারাসিটামল|আইভারমেকটিন|অ্যাজিথ্রোমাইসিন|ডেক্সামেথাসোন|ভিটামিন|জিংক|পেরাসিটামল|पैरासिटामोल|पेरासिटामोल|आइवरमेक्टिन|एज़िथ्रोमाइसिन|डेक्सामेथासोन|विटामिन|ज़िंक|जिंक|एंटीबायोटिक|অ্যান্টিবায়োটিক/i;
    for (const e of entries) for (const l of LANGUAGES) expect({ id: e.id, l, drug: drugs.exec(e.answers[l] ?? '')?.[0] ?? null }).toEqual({ id: e.id, l, drug: null });
  });

  it('keeps the benchmark queries out of the index', () => {
    const queries = parse(readFileSync(join(projectRoot, 'bench', 'faq-queries.yaml'), 'utf8')) as { entries: Record<string, Record<string, string[]>> };
    const examples = new Set(entries.flatMap((e) => Object.values(e.questions).flat().map(looseText)));
    const leaked = Object.values(queries.entries).flatMap((byLang) => Object.values(byLang).flat()).filter((q) => examples.has(looseText(q)));
    expect(leaked).toEqual([]);
  });
});

describe('matching', () => {
  it.each([
    ['How long should I isolate?', 'isolation-how-long'],
    ['koto din isolation e thakte hobe', 'isolation-how-long'],
    ['कितने दिन आइसोलेशन में रहना है', 'isolation-how-long'],
    ['oxygen 92', 'oxygen-level'],
    ['can i eat chicken', 'spread-surfaces-food'],
    ['tika nebar por jor ashche', 'vaccine-side-effects'],
    ['pregnancy me vaccine lagwa sakte hai', 'pregnancy-vaccine'],
  ])('answers "%s" with %s', (q, id) => {
    const d = ask(q);
    expect({ outcome: d.outcome, id: d.candidates[0]?.id }).toEqual({ outcome: 'answer', id });
  });

  it('offers the close ones for a one-word question', () => {
    const d = ask('vaccine');
    expect(d.outcome).toBe('choose');
    expect(d.candidates.length).toBeGreaterThanOrEqual(2);
    expect(d.candidates.length).toBeLessThanOrEqual(config.faq.matching.maxChoices);
    expect(d.candidates.every((c) => c.id.startsWith('vaccine') || c.id.startsWith('pregnancy'))).toBe(true);
  });

  it('has nothing for a question the FAQ does not answer', () => {
    for (const q of ['book a train ticket to delhi', 'ট্রেনের টিকিট কাটব কীভাবে', 'राशन कार्ड कैसे बनवाएं', 'xyzzy']) expect(ask(q).outcome).toBe('none');
    expect(ask('').outcome).toBe('none');
    expect(ask('???').outcome).toBe('none');
  });

  it('finds a native-script entry from a question in another language ("oximeter" from a Bengali patient)', () => {
    expect(index.query('অক্সিমিটার কীভাবে ব্যবহার করব')[0]?.id).toBe('oximeter-how');
    expect(index.query('oximeter kivabe use korbo')[0]?.id).toBe('oximeter-how');
  });

  it('expands synonyms: "temperature after the jab" reaches the vaccine side effects', () => {
    expect(index.query('temperature after the jab')[0]?.id).toBe('vaccine-side-effects');
  });
});

describe('retrieval benchmark floor (npm run bench:faq prints the full figures)', () => {
  const r = runFaqBench({ deepset: false });
  const group = (g: string) => r.groups.find((x) => x.group === g)!;

  it('ranks the right entry first for most paraphrases, in every language and script', () => {
    expect(group('all').precisionAt1).toBeGreaterThanOrEqual(0.75);
    for (const g of ['en', 'bn', 'bn (romanized)', 'hi', 'hi (romanized)']) expect({ g, ok: group(g).precisionAt1 >= 0.7 }).toEqual({ g, ok: true });
  });

  it('answers at once only when it is right at least 95% of the time, and never answers an out-of-scope question', () => {
    expect(group('all').answeredPrecision).toBeGreaterThanOrEqual(0.95);
    expect(r.outOfScope.answered).toBe(0);
  });

  it('ships the thresholds the benchmark rule picks', () => {
    expect({ confidence: config.faq.matching.answerConfidence, gap: config.faq.matching.answerMinGap, offer: config.faq.matching.offerConfidence }).toEqual({
      confidence: r.chosen.answerConfidence,
      gap: r.chosen.answerMinGap,
      offer: r.offerChosen.offerConfidence,
    });
  });
});
