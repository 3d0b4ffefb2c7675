import { liveKeyboardIn } from '../../../src/channels/telegram/core-hooks';
import { callbackDataFor, KEYBOARD_POINTER, keyboardTag } from '../../../src/channels/telegram/keyboard';
import { judgeOnRecord, LiveKeyboards, textUnderKeyboard, type KeyboardRecord } from '../../../src/channels/telegram/live-keyboards';
import type { MessageRecord } from '../../../src/storage/repositories';

const YES_NO = [
  { payload: 'yes', title: 'Yes' },
  { payload: 'no', title: 'No' },
];

describe('which keyboard is live', () => {
  it('a press on the latest keyboard is current and answers it; a second, different press is stale', () => {
    const k = new LiveKeyboards();
    k.sent('42', 100, 'conv-1', YES_NO);
    expect(k.press('42', 100, 'cb-1')).toMatchObject({ status: 'current', keyboard: { messageId: 100, choices: YES_NO } });
    // Telegram re-sends the same press: still current (the router drops the duplicate).
    expect(k.press('42', 100, 'cb-1')).toMatchObject({ status: 'current' });
    expect(k.press('42', 100, 'cb-2')).toEqual({ status: 'stale', conversationId: 'conv-1' });
  });

  it('an older keyboard is stale; a newer unknown one (sent before a restart) is left to the engine', () => {
    const k = new LiveKeyboards();
    k.sent('42', 100, 'conv-1', YES_NO);
    k.sent('42', 104, 'conv-1', YES_NO);
    expect(k.press('42', 100, 'cb-1')).toEqual({ status: 'stale', conversationId: 'conv-1' });
    expect(k.press('42', 110, 'cb-2')).toEqual({ status: 'unknown' });
    expect(k.press('43', 7, 'cb-3')).toEqual({ status: 'unknown' });
    // A late record of an older keyboard never replaces the newer one.
    k.sent('42', 101, 'conv-1', YES_NO);
    expect(k.press('42', 104, 'cb-4')).toMatchObject({ status: 'current' });
  });

  it('a message written after the keyboard answers it; a re-delivered older message does not', () => {
    const k = new LiveKeyboards();
    k.sent('42', 100, 'conv-1', YES_NO);
    k.messageReceived('42', 99); // Telegram re-sent the message the keyboard was the answer to
    expect(k.press('42', 100, 'cb-1')).toMatchObject({ status: 'current' });

    k.sent('42', 102, 'conv-1', YES_NO);
    k.messageReceived('42', 103); // the patient typed "yes" instead of pressing
    expect(k.press('42', 102, 'cb-2')).toEqual({ status: 'stale', conversationId: 'conv-1' });
  });

  it('forgets the chats that went quiet longest beyond its limit', () => {
    const k = new LiveKeyboards(2);
    k.sent('a', 1, 'ca', YES_NO);
    k.sent('b', 1, 'cb', YES_NO);
    k.sent('a', 2, 'ca', YES_NO); // a is fresh again
    k.sent('c', 1, 'cc', YES_NO);
    expect(k.size).toBe(2);
    expect(k.press('b', 1, 'x')).toEqual({ status: 'unknown' });
    expect(k.press('a', 2, 'y')).toMatchObject({ status: 'current' });
  });
});

describe('a press on a keyboard sent before a restart, judged against the store', () => {
  const CONFIRM = { id: '0190a1b2-0000-7000-8000-000000000002', text: 'Is that right?', choices: YES_NO };
  const tagged = (outboundId: string, payload: string) => callbackDataFor(payload, keyboardTag(outboundId));
  const record = (live: KeyboardRecord['live'], pressStored = false): KeyboardRecord => ({ conversationId: 'conv-1', pressStored, live });
  /** A press on message 120, which reads `keyboardText` (null: Telegram no longer shows it). */
  const onConfirm = (data: string, keyboardText: string | null = 'Is that right?') => ({ keyboardMessageId: 120, data, keyboardText: keyboardText ?? undefined });

  it('a button of the live reply is current, with that reply\'s choices; a button of any other reply is stale', () => {
    expect(judgeOnRecord(record(CONFIRM), onConfirm(tagged(CONFIRM.id, 'yes')))).toEqual({
      status: 'current',
      keyboard: { messageId: 120, conversationId: 'conv-1', choices: YES_NO },
    });
    // "Yes" under the danger-signs question: the same payload, another reply.
    expect(judgeOnRecord(record(CONFIRM), onConfirm(tagged('0190a1b2-0000-7000-8000-000000000001', 'yes'), 'Any danger signs?'))).toEqual({ status: 'stale', conversationId: 'conv-1' });
  });

  it('nothing live (the patient answered, or no keyboard was ever sent): stale; not known, or this very press already stored: left as before', () => {
    expect(judgeOnRecord(record(null), onConfirm(tagged(CONFIRM.id, 'yes')))).toEqual({ status: 'stale', conversationId: 'conv-1' });
    expect(judgeOnRecord(record(undefined), onConfirm(tagged(CONFIRM.id, 'yes')))).toEqual({ status: 'unknown' });
    expect(judgeOnRecord(record(null, true), onConfirm(tagged(CONFIRM.id, 'yes')))).toEqual({ status: 'unknown' });
  });

  it('a legacy button (bare payload, no tag) counts only on a message that reads as the live reply, with one of its payloads', () => {
    expect(judgeOnRecord(record(CONFIRM), onConfirm('yes'))).toMatchObject({ status: 'current' });
    expect(judgeOnRecord(record(CONFIRM), onConfirm('yes', ' Is that right?\n'))).toMatchObject({ status: 'current' });
    expect(judgeOnRecord(record(CONFIRM), onConfirm('yes', 'Any danger signs?'))).toEqual({ status: 'stale', conversationId: 'conv-1' });
    expect(judgeOnRecord(record(CONFIRM), onConfirm('yes', null))).toEqual({ status: 'stale', conversationId: 'conv-1' });
    expect(judgeOnRecord(record(CONFIRM), onConfirm('in_wb'))).toEqual({ status: 'stale', conversationId: 'conv-1' });
    // A reply of choices only went out as the pointer; a long one as its last part.
    expect(judgeOnRecord(record({ ...CONFIRM, text: '' }), onConfirm('no', KEYBOARD_POINTER))).toMatchObject({ status: 'current' });
    const long = { ...CONFIRM, text: 'x'.repeat(4090) + '\n\nIs that right?' };
    expect(textUnderKeyboard(long.text)).toBe('Is that right?');
    expect(judgeOnRecord(record(long), onConfirm('no'))).toMatchObject({ status: 'current' });
  });
});

describe('the live keyboard in a stored transcript', () => {
  let n = 0;
  const out = (text: string, choices?: typeof YES_NO): MessageRecord => ({ id: `m${++n}`, conversationId: 'c', direction: 'out', content: { kind: 'text', text, ...(choices ? { choices } : {}) }, at: n });
  const inbound = (content: MessageRecord['content']): MessageRecord => ({ id: `m${++n}`, conversationId: 'c', direction: 'in', content, at: n });

  it('is the latest reply with choices, unless the patient sent anything after it', () => {
    const danger = out('Any danger signs?', YES_NO);
    const confirm = out('Is that right?', YES_NO);
    const transcript = [danger, inbound({ kind: 'choice', payload: 'no' }), out('Your symptoms?'), inbound({ kind: 'text', text: 'fever' }), confirm, out('(a notice)')];
    expect(liveKeyboardIn(transcript, true)).toEqual({ id: confirm.id, text: 'Is that right?', choices: YES_NO });
    expect(liveKeyboardIn([...transcript, inbound({ kind: 'text', text: 'yes' })], true)).toBeNull();
    expect(liveKeyboardIn([out('hello')], true)).toBeNull();
    expect(liveKeyboardIn([], true)).toBeNull();
    // Only the bot's words without choices in the messages read, and more before them: not known.
    expect(liveKeyboardIn([out('reminder'), out('reminder')], false)).toBeUndefined();
  });
});
