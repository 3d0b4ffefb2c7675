/**
 * Indian brand names of paracetamol ("dolo 650", "crocin", "calpol"; ডোলো, ক্রোসিন, डोलो, क्रोसिन)
 * are medicines: a question naming one reaches the medicines entry (see a doctor, no
 * self-medication). Latin "dolo" alone has the chat-spelling key of dal (ডাল, दाल), so it is read
 * with its strength or with "le" (take): a question about eating dal stays a food question.
 */
import { decide } from '../../src/faq/matcher';
import { starterContents } from '../../src/faq/starter';
import { chatPerTest, consented } from '../support/chat-per-test';
import { faqTestConfig as config, freshFaqIndex } from '../support/faq';

const index = freshFaqIndex(starterContents(config.faq.starterFile));
const decision = (q: string) => decide(index.query(q), config.faq.matching, index.entryAskedAs(q));
const MEDICINES = 'treatment-medicines';

describe('a paracetamol brand name reaches the medicines entry', () => {
  it.each([
    'kya dolo le sakte hain',
    'dolo 650',
    'dolo 650 kitni baar le sakte hain',
    'DOLO-650',
    'crocin',
    'calpol',
    'ডোলো',
    'ক্রোসিন',
    'डोलो',
    'क्रोसिन',
  ])('"%s" is answered with the medicines entry', (q) => {
    const d = decision(q);
    expect({ q, outcome: d.outcome, first: d.candidates[0]?.id }).toEqual({ q, outcome: 'answer', first: MEDICINES });
  });

  it.each(['corona me dal khana chahiye', 'ki khabo dal bhat', 'dal roti kha sakte hain'])(
    '"%s" (dal, the food) still ranks the food entry first, not the medicines one',
    (q) => {
      expect({ q, first: index.query(q)[0]?.id }).toEqual({ q, first: 'food-nutrition' });
    },
  );
});

describe('in a conversation, at the main menu', () => {
  const chat = chatPerTest();

  it('"kya dolo le sakte hain" is answered with the medicines entry, not "no answer"', async () => {
    const r = await chat.run('u', [...consented('hi'), 'kya dolo le sakte hain']);
    // The Hindi medicines answer: "सहाय कोई दवा सुझा या लिख नहीं सकता … (भारत में eSanjeevani …)".
    expect(r[0]).toMatch(/^सहाय कोई दवा सुझा या लिख नहीं सकता/);
    expect(r).not.toContain(chat.t('faq.no_match', 'hi'));
  });
});
