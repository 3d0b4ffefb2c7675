/**
 * An entry's own example question, typed as it is written, is answered with that entry, not
 * listed as a close call: "What is COVID-19?" is the words "covid 19" to the matcher, which
 * "What are the symptoms of COVID-19?" covers just as fully (both scored 1.00), and 80 of the
 * starter set's example questions got a "did you mean" list. A question two entries share is
 * still a close call.
 */
import { LANGUAGES } from '../../src/engine/flow';
import { ExactQuestions, exactForm } from '../../src/faq/exact-questions';
import { starterContents } from '../../src/faq/starter';
import type { FaqContent } from '../../src/storage/repositories';
import { faqServiceWith, faqTestConfig } from '../support/faq';

const starter = starterContents(faqTestConfig.faq.starterFile);

describe('the starter set', () => {
  it('answers every example question, typed as it is written, with its own entry', async () => {
    const { faq } = await faqServiceWith(starter);
    const wrong: string[] = [];
    for (const e of starter) {
      for (const l of LANGUAGES) {
        for (const q of e.questions[l] ?? []) {
          const m = await faq.match(q);
          if (m.outcome !== 'answer' || m.candidates[0]?.id !== e.id) wrong.push(`${e.id} (${l}) "${q}": ${m.outcome} ${m.candidates.map((c) => c.id).join(', ')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no example question that two entries share (it could only be a close call)', () => {
    const exact = new ExactQuestions();
    for (const e of starter) exact.add(e.id, Object.values(e.questions).flat().map(exactForm));
    const shared = starter.flatMap((e) => Object.values(e.questions).flat().filter((q) => exact.entryOf(q) !== e.id));
    expect(shared).toEqual([]);
  });

  it.each([
    ['What is COVID-19?', 'what-is-covid'],
    ['what is covid 19', 'what-is-covid'],
    ['  WHAT IS COVID-19 ', 'what-is-covid'],
    ['কোভিড-১৯ কী?', 'what-is-covid'],
    ['कोविड-१९ क्या है', 'what-is-covid'],
    ['covid hole ki ki hoy', 'symptoms-common'],
  ])('answers "%s" with %s (case, punctuation, spacing and digits aside)', async (q, id) => {
    const { faq } = await faqServiceWith(starter);
    const m = await faq.match(q);
    expect({ outcome: m.outcome, id: m.candidates[0]?.id }).toEqual({ outcome: 'answer', id });
  });
});

describe('an example question two entries share', () => {
  const entry = (id: string, questions: string[]): FaqContent => ({
    id,
    topics: ['test'],
    questions: { en: questions },
    answers: { en: `The answer of ${id}.` },
    source: 'test',
    reviewed: '2021-05-01',
  });

  it('is a close call between them', async () => {
    const { faq } = await faqServiceWith([entry('zebra-stripes', ['Do zebras get covid?', 'zebra stripes']), entry('zebra-food', ['Do zebras get covid?', 'zebra food'])]);
    const m = await faq.match('Do zebras get covid?');
    expect(m.outcome).toBe('choose');
    expect(m.candidates.map((c) => c.id).sort()).toEqual(['zebra-food', 'zebra-stripes']);
  });

  it('is answered as a draft shows it, in the console preview', async () => {
    const { faq } = await faqServiceWith([entry('zebra-stripes', ['Do zebras get covid?']), entry('zebra-food', ['Do zebras get covid?'])]);
    const m = await faq.match('Do zebras get covid?', { draft: entry('zebra-food', ['What do zebras eat?']) });
    expect({ outcome: m.outcome, id: m.candidates[0]?.id }).toEqual({ outcome: 'answer', id: 'zebra-stripes' });
  });
});
