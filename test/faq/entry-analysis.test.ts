/**
 * Rebuilding the FAQ index after an edit or for a draft preview analyses only the
 * entries whose content changed (src/faq/entry-analysis.ts), and answers exactly
 * as an index built from nothing.
 */
import { analyzeBoth, analyzeWords, romanizedTerms } from '../../src/faq/analyze';
import { analyzeEntry, EntryAnalyses } from '../../src/faq/entry-analysis';
import { decide } from '../../src/faq/matcher';
import { starterContents } from '../../src/faq/starter';
import type { FaqContent } from '../../src/storage/repositories';
import { faqServiceWith, faqTestConfig as config, freshFaqIndex } from '../support/faq';

const starter = starterContents(config.faq.starterFile);
const QUESTIONS = ['how long should I isolate', 'koto din isolation e thakbo', 'टीका कहाँ लगवाएं', 'অক্সিজেন কত হলে হাসপাতালে যাব', 'oximeter', 'weather in Kolkata'];

const edited = (c: FaqContent, words: string): FaqContent => ({ ...c, answers: { ...c.answers, en: `${c.answers.en ?? ''} ${words}` } });

/** What a fresh index over these entries answers: the reference for a rebuilt one. */
function freshAnswers(contents: readonly FaqContent[]) {
  const index = freshFaqIndex(contents);
  return QUESTIONS.map((q) => index.query(q));
}

describe('analyzeBoth', () => {
  it.each(['জ্বর হলে কী করব?', 'कोविड19 टीका कहाँ लगवाएं', 'Do I need masks?', 'আমার oxygen level কত', ''])('is analyzeWords and romanizedTerms of %p, read once', (text) => {
    expect(analyzeBoth(text)).toEqual({ words: analyzeWords(text), romanized: romanizedTerms(text) });
  });
});

describe('EntryAnalyses', () => {
  it('analyses an entry once per content, and again when its content changes', () => {
    const analyses = new EntryAnalyses();
    const [a, b] = [starter[0]!, starter[1]!];
    const first = analyses.of(a);
    expect(first).toEqual(analyzeEntry(a));
    // The same content, even as another object (a store hands out fresh copies): remembered.
    expect(analyses.of(structuredClone(a))).toBe(first);
    analyses.of(b);
    expect(analyses.analysed).toBe(2);
    const changed = edited(a, 'now also after travel');
    expect(analyses.of(changed)).toEqual(analyzeEntry(changed));
    expect(analyses.analysed).toBe(3);
    analyses.keepOnly(new Set([b.id]));
    analyses.of(changed);
    expect(analyses.analysed).toBe(4);
  });
});

describe('the FAQ service rebuilding its index', () => {
  it('after an edit, analyses only the edited entry and answers as an index built from nothing', async () => {
    const { store, faq } = await faqServiceWith(starter);
    await faq.match('warm up');
    expect(faq.analyses.analysed).toBe(starter.length);

    const changed = edited(starter[3]!, 'Isolation also applies after returning from abroad.');
    await store.faq.save([{ content: changed, publish: true, note: 'edit' }], { actorId: null, at: 2 });
    const rebuilt = await Promise.all(QUESTIONS.map((q) => faq.match(q)));
    expect(faq.analyses.analysed).toBe(starter.length + 1);

    // In the store's order (by id), so that BM25 adds its scores in the same order.
    const now = starter.map((c) => (c.id === changed.id ? changed : c)).sort((x, y) => (x.id < y.id ? -1 : 1));
    const reference = freshAnswers(now).map((candidates) => decide(candidates, config.faq.matching));
    expect(rebuilt.map((m) => ({ outcome: m.outcome, candidates: m.candidates.map(({ id, score, confidence }) => ({ id, score, confidence })) }))).toEqual(
      reference.map((d) => ({ outcome: d.outcome, candidates: d.candidates.map(({ id, score, confidence }) => ({ id, score, confidence })) })),
    );
    expect(rebuilt.map((m) => m.outcome)).toContain('answer');
  });

  it('analyses a draft apart: the published entry stays remembered, and the draft is answered from', async () => {
    const { store, faq } = await faqServiceWith(starter);
    await faq.match('warm up');
    const target = starter.find((c) => c.id === 'isolation-how-long')!;
    const draft = { ...target, questions: { ...target.questions, en: [...(target.questions.en ?? []), 'xylophone lessons during isolation'] } };
    const previewed = await faq.match('xylophone lessons', { draft });
    expect(previewed.candidates[0]?.id).toBe(target.id);
    expect(previewed.candidates[0]?.content).toBe(draft);
    // The preview analysed nothing of the published set again, and left the published
    // analysis of its entry remembered: the next rebuild analyses only the entry edited then.
    expect(faq.analyses.analysed).toBe(starter.length);
    const other = starter.find((c) => c.id !== target.id)!;
    await store.faq.save([{ content: edited(other, 'Edited.'), publish: true, note: 'edit' }], { actorId: null, at: 2 });
    await faq.match('how long should I isolate');
    expect(faq.analyses.analysed).toBe(starter.length + 1);
  });
});
