/**
 * Questions about a medicine or its dose must reach the medicines entry (see a doctor, do not
 * self-medicate), in every language and script, and never an unrelated answer: a tester got the
 * physical-distancing answer to "how much paracetamol can i give my mother" and the loss-of-smell
 * answer to "is ivermectin good for covid".
 */
import { termOf } from '../../src/faq/analyze';
import { decide } from '../../src/faq/matcher';
import { starterContents } from '../../src/faq/starter';
import { Synonyms } from '../../src/faq/synonyms';
import { faqTestConfig as config, freshFaqIndex } from '../support/faq';

const index = freshFaqIndex(starterContents(config.faq.starterFile));
const decision = (q: string) => decide(index.query(q), config.faq.matching, index.entryAskedAs(q));
const MEDICINES = 'treatment-medicines';

describe('questions about a medicine or a dose', () => {
  it.each([
    'how much paracetamol can i give my mother',
    'is ivermectin good for covid',
    'should i take dexamethasone at home',
    'can i take azithromycin for corona',
    'is remdesivir injection needed',
    'crocin 650 kitni baar le sakte hain',
    'paracetamol kitni deni chahiye',
    'मां को कितनी पैरासिटामोल दें',
    'स्टेरॉयड कितना लेना है',
    'মাকে কতটা প্যারাসিটামল দেব',
    'জিঙ্ক আর ভিটামিন সি খাওয়া কি দরকার',
    'নাপা কয়টা খাব',
  ])('"%s" ranks the medicines entry first, and is answered with it or offers it (never "no answer")', (q) => {
    const d = decision(q);
    expect({ q, first: index.query(q)[0]?.id }).toEqual({ q, first: MEDICINES });
    expect({ q, outcome: d.outcome === 'none' ? 'none' : 'answered or offered', hasIt: d.candidates.some((c) => c.id === MEDICINES) }).toEqual({
      q,
      outcome: 'answered or offered',
      hasIt: true,
    });
  });

  it('answers the English dose question with the medicines entry at once, not the distancing one', () => {
    const d = decision('how much paracetamol can i give my mother');
    expect(d.outcome).toBe('answer');
    expect(d.candidates[0]?.id).toBe(MEDICINES);
  });
});

describe('a match resting on words that say nothing of the question', () => {
  it('is never answered outright: an unknown medicine asked about with "good" or "how much … give my mother"', () => {
    // "zorvimab" is no word of any entry or synonym: what is left is "good", "how much", "give",
    // "mother" and "covid", which met the loss-of-smell and distancing entries.
    for (const q of ['is zorvimab good for covid', 'how much zorvimab can i give my mother']) {
      expect({ q, outcome: decision(q).outcome }).not.toEqual({ q, outcome: 'answer' });
    }
  });

  it('"can my child get vaccine" is not answered with "Can children get covid?"', () => {
    const d = decision('can my child get vaccine');
    expect(d.outcome === 'answer' && d.candidates[0]?.id === 'children-symptoms').toBe(false);
  });

  it('"vaccine" does not search for "jab": romanized যাব ("I will go") and जब ("when") are spelt so', () => {
    const synonyms = new Synonyms(config.faq.synonyms);
    const searched = synonyms.expand([termOf('vaccine')!]).flatMap((e) => e.terms);
    expect(searched).toContain('টিকা');
    expect(searched).not.toContain(termOf('jab'));
    // The other way still holds: "the covid jab" is a vaccine.
    expect(synonyms.expand([termOf('jab')!]).flatMap((e) => e.terms)).toContain(termOf('vaccine'));
  });

  it('a drug name searches for "medicine", but "medicine" does not search for every drug name', () => {
    const synonyms = new Synonyms(config.faq.synonyms);
    const [paracetamol, medicine] = [termOf('paracetamol')!, termOf('medicine')!];
    expect(synonyms.expand([paracetamol]).flatMap((e) => e.terms)).toEqual(expect.arrayContaining([medicine, termOf('ওষুধ'), termOf('दवा')]));
    expect(synonyms.expand([medicine]).flatMap((e) => e.terms)).not.toContain(paracetamol);
  });
});
