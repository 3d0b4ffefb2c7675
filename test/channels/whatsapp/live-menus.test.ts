/**
 * Which numbered list in a WhatsApp chat is live (src/channels/whatsapp/live-menus.ts),
 * what counts as a short answer to an older one, and the ids read from whatsapp-web.js.
 */
import { quotedIdOf } from '../../../src/channels/whatsapp/inbound';
import { isShortAnswer, LiveMenus, sentIdOf } from '../../../src/channels/whatsapp/live-menus';
import { quoting, variant } from './fixtures';

const CHAT = '919800000001@c.us';
const YES_NO = [
  { payload: 'yes', title: 'Yes' },
  { payload: 'no', title: 'No' },
];
const MENU = ['Check my symptoms', 'Find a hospital bed', 'Ask a question about COVID', 'Helplines and ambulance', 'Change language', 'About Sahay', 'Talk to a doctor'].map((title, i) => ({ payload: `m${i}`, title }));

/** Consent (A), then the danger-signs question (B): both yes/no, different texts. */
function twoQuestions(): LiveMenus {
  const m = new LiveMenus();
  m.sent(CHAT, 'A', 'conv-1', 'Do you agree?\n\n1. Yes\n2. No', YES_NO);
  m.received(CHAT, 'in-1', undefined, '1');
  m.sent(CHAT, 'B', 'conv-1', 'Any danger signs?\n\n1. Yes\n2. No', YES_NO);
  return m;
}

describe('which list is live', () => {
  it('"1" quoting an older list is stale; quoting the latest is current and answers it', () => {
    const m = twoQuestions();
    expect(m.received(CHAT, 'in-2', 'A', '1')).toEqual({ status: 'stale', conversationId: 'conv-1' });
    // Refused: it answered nothing, so the latest is still open.
    expect(m.received(CHAT, 'in-3', 'B', '2')).toEqual({ status: 'current' });
    // WhatsApp Web handed the same message again: still current (the router drops the duplicate).
    expect(m.received(CHAT, 'in-3', 'B', '2')).toEqual({ status: 'current' });
    // Another short answer to the answered list is stale, as a second press on Telegram.
    expect(m.received(CHAT, 'in-4', 'B', '1')).toEqual({ status: 'stale', conversationId: 'conv-1' });
  });

  it('writing after the latest list answers it: quoting it with a number afterwards is stale', () => {
    const m = twoQuestions();
    expect(m.received(CHAT, 'in-2', undefined, '2')).toEqual({ status: 'unknown' });
    expect(m.received(CHAT, 'in-3', 'B', '1')).toEqual({ status: 'stale', conversationId: 'conv-1' });
    // A new list is open again.
    m.sent(CHAT, 'C', 'conv-1', 'Is that right?\n\n1. Yes\n2. No', YES_NO);
    expect(m.received(CHAT, 'in-4', 'C', '1')).toEqual({ status: 'current' });
  });

  it('a long reply quoting an older list is the patient\'s words and goes on (answering the latest)', () => {
    const m = twoQuestions();
    expect(m.received(CHAT, 'in-2', 'A', 'yes I agree but I also have a bad headache since yesterday')).toEqual({ status: 'unknown' });
    expect(m.received(CHAT, 'in-3', 'B', '1')).toEqual({ status: 'stale', conversationId: 'conv-1' });
  });

  it('not judged when it does not know: another chat, a message it did not send, media; forgotten chats', () => {
    const m = twoQuestions();
    expect(m.received('919800000002@c.us', 'x-1', 'A', '1')).toEqual({ status: 'unknown' });
    // Quoting a message of ours without choices, or one sent before a restart: not a list it knows.
    expect(m.received(CHAT, 'in-2', 'SOMETHING-ELSE', '1')).toEqual({ status: 'unknown' });
    // A photo quoting an old list: not a short answer.
    const n = twoQuestions();
    expect(n.received(CHAT, 'in-2', 'A', undefined)).toEqual({ status: 'unknown' });

    const small = new LiveMenus(2);
    small.sent('a', 'a1', 'ca', 'Q1', YES_NO);
    small.sent('a', 'a2', 'ca', 'Q2', YES_NO);
    small.sent('b', 'b1', 'cb', 'Q1', YES_NO);
    small.sent('c', 'c1', 'cc', 'Q1', YES_NO);
    expect(small.size).toBe(2);
    expect(small.received('a', 'in', 'a1', '1')).toEqual({ status: 'unknown' });
    expect(small.received('c', 'in', 'c1', '1')).toEqual({ status: 'current' });
  });

  it('remembers a chat\'s latest few lists only; a new conversation, or a list whose id is unknown, starts afresh', () => {
    const m = new LiveMenus(10, 2);
    m.sent(CHAT, 'A', 'conv-1', 'Q1', YES_NO);
    m.sent(CHAT, 'B', 'conv-1', 'Q2', YES_NO);
    m.sent(CHAT, 'C', 'conv-1', 'Q3', YES_NO);
    expect(m.received(CHAT, 'in-1', 'A', '1')).toEqual({ status: 'unknown' });
    expect(m.received(CHAT, 'in-2', 'B', '1')).toEqual({ status: 'stale', conversationId: 'conv-1' });

    m.sent(CHAT, 'D', 'conv-2', 'Q4', YES_NO);
    expect(m.received(CHAT, 'in-3', 'C', '1')).toEqual({ status: 'unknown' });

    m.sent(CHAT, undefined, 'conv-2', 'Q5', YES_NO);
    expect(m.size).toBe(0);
    expect(m.received(CHAT, 'in-4', 'D', '1')).toEqual({ status: 'unknown' });
  });

  it('an older copy of the same question (asked again) counts as the live one', () => {
    const m = new LiveMenus();
    const menu = 'How can I help?\n\n1. Check my symptoms\n2. …';
    m.sent(CHAT, 'A', 'conv-1', menu, MENU);
    m.received(CHAT, 'in-1', undefined, 'hello?');
    m.sent(CHAT, 'B', 'conv-1', menu, MENU);
    expect(m.received(CHAT, 'in-2', 'A', '2')).toEqual({ status: 'current' });
  });
});

describe('what counts as a short answer to an older list', () => {
  const yesNo = { options: 2, labels: ['yes', 'no'] };
  const menu = { options: 7, labels: MENU.map((c) => c.title.toLowerCase()) };
  const spo2 = { options: 1, labels: ["i don't have an oximeter"] };

  it('an option number, in any digits, up to the longer of the two lists', () => {
    for (const text of ['1', ' 2 ', '২', '१', '2.', '2)', '2️⃣', '٢']) expect({ text, short: isShortAnswer(text, yesNo, yesNo) }).toEqual({ text, short: true });
    expect(isShortAnswer('6', yesNo, menu)).toBe(true);
    expect(isShortAnswer('3', yesNo, yesNo)).toBe(false);
    expect(isShortAnswer('0', yesNo, yesNo)).toBe(false);
    // A reading is the patient's words (the SpO2 question waits with its one escape option).
    expect(isShortAnswer('94', yesNo, spo2)).toBe(false);
    expect(isShortAnswer('98.6', yesNo, spo2)).toBe(false);
  });

  it('a label of the quoted list only when the live list offers it too; words are words', () => {
    expect(isShortAnswer('yes', yesNo, yesNo)).toBe(true);
    expect(isShortAnswer('  YES! ', yesNo, yesNo)).toBe(true);
    // "Talk to a doctor" from an old menu while a yes/no question waits: a word that works everywhere.
    expect(isShortAnswer('Talk to a doctor', menu, yesNo)).toBe(false);
    expect(isShortAnswer('yes I have', yesNo, yesNo)).toBe(false);
    expect(isShortAnswer('fever since 2 days', yesNo, yesNo)).toBe(false);
    expect(isShortAnswer('🙂', yesNo, yesNo)).toBe(false);
  });
});

describe('ids from whatsapp-web.js', () => {
  it('the id of a sent message: id.id, else read from id._serialized', () => {
    expect(sentIdOf({ id: { fromMe: true, remote: CHAT, id: '3EB0AA', _serialized: `true_${CHAT}_3EB0AA` } })).toBe('3EB0AA');
    expect(sentIdOf({ id: { _serialized: `true_${CHAT}_3EB0BB` } })).toBe('3EB0BB');
    for (const odd of [undefined, null, 'x', {}, { id: 'x' }, { id: { _serialized: 'garbage' } }]) expect(sentIdOf(odd)).toBeUndefined();
  });

  it('the message a reply quotes: _data.quotedStanzaID, unless whatsapp-web.js says there is none', () => {
    const plain = variant('text', { body: '1' }, CHAT);
    expect(quotedIdOf(plain)).toBeUndefined();
    expect(quotedIdOf(quoting(plain, '3EB0QUOTED'))).toBe('3EB0QUOTED');
    expect(quotedIdOf({ ...quoting(plain, '3EB0QUOTED'), hasQuotedMsg: false })).toBeUndefined();
    expect(quotedIdOf({ ...plain, _data: 'x' })).toBeUndefined();
    expect(quotedIdOf({ ...plain, _data: { quotedStanzaID: 42 } })).toBeUndefined();
  });
});
