/**
 * Outbound text on WhatsApp: choices as a numbered list with the hint in the
 * message's language; send failures classified for the outbox.
 */
import { ChannelSendError } from '../../../src/channels/channel';
import { hintFor, renderForWhatsApp, type ChooseHints } from '../../../src/channels/whatsapp/render';
import { notLinked, toSendError } from '../../../src/channels/whatsapp/send-errors';
import { createTranslator } from '../../../src/i18n/translator';
import { localesDir } from '../../../src/paths';

const t = createTranslator(localesDir);
const hints: ChooseHints = { bn: t.t('common.choose_hint', 'bn'), hi: t.t('common.choose_hint', 'hi'), en: t.t('common.choose_hint', 'en') };

describe('numbered lists', () => {
  it('a message without choices is its text, unchanged', () => {
    expect(renderForWhatsApp({ text: 'Hello! I am Sahay.' }, hints)).toBe('Hello! I am Sahay.');
    expect(renderForWhatsApp({ text: 'Hello', choices: [] }, hints)).toBe('Hello');
  });

  it('choices become "1. …" lines after a blank line, then the hint in italics', () => {
    const text = renderForWhatsApp(
      {
        text: t.t('menu.ask', 'en'),
        choices: [
          { payload: 'helplines', title: t.t('menu.option.helplines', 'en') },
          { payload: 'language', title: t.t('menu.option.language', 'en') },
          { payload: 'about', title: t.t('menu.option.about', 'en') },
        ],
      },
      hints,
    );
    expect(text).toBe(
      ['How can I help you?', '', '1. Helplines and ambulance', '2. Change language', '3. About Sahay and privacy', '', '_Reply with the number of your choice._'].join('\n'),
    );
  });

  it('a Bengali question gets the Bengali hint, a Hindi one the Hindi hint', () => {
    const yesNo = (lng: 'bn' | 'hi') => [
      { payload: 'yes', title: t.t('common.yes', lng) },
      { payload: 'no', title: t.t('common.no', lng) },
    ];
    expect(renderForWhatsApp({ text: t.t('welcome.ask.consent', 'bn'), choices: yesNo('bn') }, hints)).toBe(
      `${t.t('welcome.ask.consent', 'bn')}\n\n1. হ্যাঁ\n2. না\n\n_${hints.bn}_`,
    );
    expect(renderForWhatsApp({ text: t.t('welcome.ask.consent', 'hi'), choices: yesNo('hi') }, hints)).toBe(
      `${t.t('welcome.ask.consent', 'hi')}\n\n1. हाँ\n2. नहीं\n\n_${hints.hi}_`,
    );
  });

  it('the trilingual "which language?" question gets the hint in all three, in its order', () => {
    expect(hintFor(t.t('welcome.ask.language', 'en'), hints)).toBe(`_${hints.en} / ${hints.bn} / ${hints.hi}_`);
  });

  it('a few Latin letters in a Bengali sentence do not add the English hint', () => {
    expect(hintFor('আপনার SpO2 কত? অক্সিমিটার দিয়ে মেপে লিখুন।', hints)).toBe(`_${hints.bn}_`);
  });

  it('text without letters falls back to English', () => {
    expect(hintFor('🙂 123', hints)).toBe(`_${hints.en}_`);
  });

  it('a lone option (an escape next to a typed answer) gets no "reply with the number" hint', () => {
    const text = 'Send the oxygen reading (SpO2), for example 96.';
    expect(renderForWhatsApp({ text, choices: [{ payload: 'skip', title: "I don't have an oximeter" }] }, hints)).toBe(`${text}\n\n1. I don't have an oximeter`);
  });

  it('without hints, only the list', () => {
    expect(renderForWhatsApp({ text: 'Q?', choices: [{ payload: 'a', title: 'A' }] })).toBe('Q?\n\n1. A');
  });
});

describe('send failures', () => {
  it.each([
    'Protocol error (Runtime.callFunctionOn): Target closed.',
    'Execution context was destroyed, most likely because of a navigation.',
    'send timed out',
    'Navigation failed because browser has disconnected!',
    'something nobody has seen before',
  ])('%j is retryable', (message) => {
    const e = toSendError(new Error(message));
    expect(e).toBeInstanceOf(ChannelSendError);
    expect(e.retryable).toBe(true);
    expect(e.offline).toBe(false);
  });

  it.each(['Error: invalid wid', 'No LID for user', 'wid error: invalid wid'])('%j is given up (retrying would fail the same way)', (message) => {
    expect(toSendError(new Error(message)).retryable).toBe(false);
  });

  it('no phone number or chat id survives into the error text (the outbox logs and stores it)', () => {
    const e = toSendError(new Error('invalid wid: 919800000001@c.us (+919800000001)\n    at page script with 919800000001'));
    expect(e.message).not.toMatch(/9198/);
    expect(e.message).not.toContain('\n');
  });

  it('a ChannelSendError passes through unchanged', () => {
    const original = new ChannelSendError('x', false);
    expect(toSendError(original)).toBe(original);
  });

  it('an unlinked WhatsApp is "offline": no attempt counted, delivered once linked', () => {
    const e = notLinked();
    expect(e.retryable).toBe(true);
    expect(e.offline).toBe(true);
  });
});
