import { LiveKeyboards } from '../../../src/channels/telegram/live-keyboards';

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
