/**
 * Reading a message for thoughts of suicide or self-harm, or for a request to talk to a
 * counsellor, in Bengali, Hindi and English, native script and romanized. The words are
 * data: locales/<lng>/crisis.json `words` (phrases.ts says how an entry is written), every
 * language's lists at once, as commands.json is read: a patient chatting in English may
 * write "marte chai".
 *
 * - `crisis`: a phrase of `self_harm` anywhere in the message ("I feel like killing myself",
 *   "আমি আর বাঁচতে চাই না", "मैं आत्महत्या करना चाहता हूँ", "mar jana chahta hoon", "suicide"),
 *   unless a phrase of `not_self_harm` holds it ("I don't want to die", "মরতে চাই না",
 *   "main nahi marna chahta": the fear of dying of COVID, not a wish to). Anywhere, because
 *   words around it ("bhai ami r parchi na, morte chai") must not hide it: helplines given to
 *   someone who was not at risk cost a message, a missed crisis may cost a life. Death and
 *   dying alone are in no list, so questions about them stay questions ("what is the death
 *   rate of covid?", "my father died of covid last year, can I get vaccinated?"), and so do
 *   figures of speech ("this cough is killing me", "I'm dying of boredom").
 * - `counsellor`: a message that is only a request for a counsellor ("I want to talk to a
 *   counsellor", "counsellor se baat karni hai", "কাউন্সেলরের সাথে কথা বলতে চাই") or only says
 *   the patient feels low and wants to talk ("mon kharap, kotha bolte chai", "I feel lonely, I
 *   need to talk to someone"): all of its words are phrases of `counsellor`, `low_mood`,
 *   `want_to_talk` and `filler` ("I", "please", "আমার", "मुझे"), with a counsellor named, or
 *   a low mood and the wish to talk both said. The whole message, because a longer one is
 *   about something else as well: "Is there a helpline to talk to a counsellor?" is a
 *   question for the FAQ, and "I am anxious, my oxygen is 92" one for the symptom check.
 * - an act (`self_harm_act`): self-harm done or under way, the patient's or someone else's
 *   ("I took 30 sleeping pills", "my brother cut his wrist", "ঘুমের ওষুধ খেয়ে ফেলেছি", "neend ki
 *   goliyan kha li", "bhai ne haath ki nas kaat li", "fan se latakne wala hoon"): a crisis, and a
 *   medical emergency too, so the crisis reply gives the ambulance first (flows/crisis.yaml). Its
 *   denials are `not_self_harm` as well ("sobji katte giye hath kete felechi": an accident in the
 *   kitchen). A dose is no act: a count is one only from a number up ("took #10 tablet*"), and
 *   "did you take your pills?" names no act at all.
 *
 * A crisis is read before a request: "I want to die, can I talk to a counsellor" is a crisis.
 */
import type { Translator } from '../i18n/translator';
import { remembered } from '../remembered';
import { foldedWords, PhraseList, type Span } from './phrases';

export type CrisisReading = 'crisis' | 'counsellor';

export interface CrisisDetector {
  /** What the message says of the patient's state of mind that we act on, or null. */
  read(text: string): CrisisReading | null;
  /** Whether the message tells of self-harm done or under way (a crisis that is a medical emergency too). */
  act(text: string): boolean;
}

const LISTS = ['self_harm', 'self_harm_act', 'not_self_harm', 'counsellor', 'low_mood', 'want_to_talk', 'filler'] as const;
type ListName = (typeof LISTS)[number];

export function crisisDetector(translator: Pick<Translator, 'languages' | 'words'>): CrisisDetector {
  const list = (name: ListName) => new PhraseList(translator.languages.flatMap((lng) => translator.words(`crisis.words.${name}`, lng)), `locales/*/crisis.json words.${name}`);
  const lists = Object.fromEntries(LISTS.map((name) => [name, list(name)])) as Record<ListName, PhraseList>;
  const requestWords = [lists.counsellor, lists.low_mood, lists.want_to_talk, lists.filler];

  /** Whether a phrase of `list` is in `ws` that no denial holds. */
  const says = (list: PhraseList, ws: readonly string[]): boolean => {
    const said = list.spans(ws);
    // The denials only where there is something to deny (almost no message names self-harm).
    if (!said.length) return false;
    const denied = lists.not_self_harm.spans(ws);
    return said.some((s) => !denied.some((d) => holds(d, s)));
  };
  const speaksOfSelfHarm = (ws: readonly string[]): boolean => says(lists.self_harm, ws) || says(lists.self_harm_act, ws);
  const asksForCounsellor = (ws: readonly string[]): boolean => {
    if (!PhraseList.cover(ws, requestWords)) return false;
    const named = (l: PhraseList) => l.spans(ws).length > 0;
    return named(lists.counsellor) || (named(lists.low_mood) && named(lists.want_to_talk));
  };

  const read = remembered(
    (text: string): CrisisReading | null => {
      const ws = foldedWords(text);
      if (!ws.length) return null;
      if (speaksOfSelfHarm(ws)) return 'crisis';
      return asksForCounsellor(ws) ? 'counsellor' : null;
    },
    { max: 2000, longest: 500 },
  );
  return { read, act: (text) => says(lists.self_harm_act, foldedWords(text)) };
}

/** Whether span `outer` takes in all of span `inner`. */
function holds(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
