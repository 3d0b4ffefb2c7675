/** What the patient sent, independent of the platform. Channels produce it; the engine reads it. */
export type Input =
  | { kind: 'text'; text: string }
  /** A button press or quick reply: `payload` is the choice's value, `text` what the button said. */
  | { kind: 'choice'; payload: string; text?: string }
  | { kind: 'location'; lat: number; lng: number }
  /**
   * Photos, documents, voice notes, stickers: kept as a reference, downloaded only when needed.
   * `album`: the platform's id for files sent together (a Telegram media group), the same on each
   * of them; the conversation answers an album once (see isLaterAlbumItem).
   */
  | { kind: 'media'; mediaType: MediaType; ref: string; caption?: string; album?: string }
  | { kind: 'contact'; phone?: string; name?: string }
  /** Anything else the platform delivers (polls, reactions...): answered politely, never a crash. */
  | { kind: 'unsupported'; what: string };

/** The kinds of file a patient can send. */
export type MediaType = 'image' | 'document' | 'audio' | 'video' | 'sticker';

/**
 * The text a message carries, read the same way everywhere (global words and red
 * flags, answers, the hand-off's relay): what was typed, a button's payload, or the
 * caption of a photo or voice note; null when there is none.
 *
 * ```ts
 * textOf({ kind: 'media', mediaType: 'image', ref: 'f1', caption: "I can't breathe" }) // → "I can't breathe"
 * textOf({ kind: 'location', lat: 22.57, lng: 88.36 }) // → null
 * ```
 */
export function textOf(input: Input): string | null {
  if (input.kind === 'text') return input.text;
  if (input.kind === 'choice') return input.payload;
  if (input.kind === 'media') return input.caption || null;
  return null;
}

/** The patient's own words in a message: what was typed or a caption, not a button's payload (which is ours). */
export function wordsOf(input: Input | null | undefined): string | null {
  return input && input.kind !== 'choice' ? textOf(input) : null;
}

/**
 * An empty text: nothing, spaces, or only invisible characters (zero-width joiners, a BOM). A
 * stray send of a keyboard, or a web chat client's empty box; it answers no question.
 */
export function isBlank(input: Input): boolean {
  return input.kind === 'text' && BLANK.test(input.text);
}

/**
 * Nothing but spaces and invisible characters: those src/i18n/normalize.ts removes (soft hyphen,
 * zero-width characters, word joiner, BOM, keycap mark, variation selectors and their
 * supplementary block). A test, not a replace: every answer is checked.
 */
const BLANK = /^(?:[\s\u00ad\u200b-\u200d\u2060\u20e3\ufeff\ufe00-\ufe0f]|\udb40[\udd00-\uddef])*$/;

/**
 * A photo of an album the conversation has answered already, carrying no words of its own:
 * it is stored (an operator sees every photo), but it is no new turn. An album is one event
 * for the conversation: one "I can only read written messages", one retry of the question.
 * An item with a caption is always read (a red flag in it is the emergency word).
 */
export function isLaterAlbumItem(answeredAlbum: string | undefined, input: Input): boolean {
  return answeredAlbum !== undefined && input.kind === 'media' && input.album === answeredAlbum && textOf(input) === null;
}
