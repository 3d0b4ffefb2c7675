/**
 * Choices as an inline keyboard. Each button's callback_data names the keyboard
 * and the choice, and comes back as-is when the patient presses it:
 *
 *   ~<tag>.<payload>     e.g. "~Xq3v_0aB.yes"
 *
 * - `tag` is 8 characters (48 bits) of a digest of the reply's outbox id, which is
 *   also its id in the conversation's stored transcript. It is what lets a press on
 *   a keyboard sent before a restart be checked against the store (live-keyboards.ts),
 *   where it is only ever compared with the tag of one reply of the same conversation.
 * - Telegram allows 1 to 64 bytes of callback_data, which leaves 54 for the payload.
 *   Flow payloads are short ids ("yes", "in_wb"), but flows are edited by admins, so
 *   a longer one (or one in Bengali, three bytes a letter) is replaced by `~` and a
 *   20-character digest of it. The digest is deterministic, so the channel can match
 *   it against the choices it sent; a payload that itself starts with `~` is digested
 *   too, so the two forms never mix.
 *
 * Keyboards sent before tags were added (still in the patients' chat history) carry
 * the legacy form: the bare payload (which never starts with `~`), or `~` and the
 * payload's digest (20 base64url characters, no `.`). So neither reads as tagged.
 */
import { createHash } from 'node:crypto';
import type { Choice } from '../../router/message';

export const CALLBACK_DATA_MAX_BYTES = 64;
/** The text of a reply that is only choices. */
export const KEYBOARD_POINTER = '👇';
const DIGEST_MARK = '~';
const TAG_LENGTH = 8;
const TAGGED = /^~([A-Za-z0-9_-]{8})\.([\s\S]+)$/;

export interface InlineButton {
  text: string;
  callback_data: string;
}

/** A pressed button's callback_data, read: the keyboard's tag (absent on a legacy button) and the payload part. */
export interface ButtonData {
  tag?: string;
  /** The payload, or `~` and its digest. */
  payload: string;
}

/** The tag of the keyboard sent with reply `outboundId` (its outbox id). */
export function keyboardTag(outboundId: string): string {
  return digest(outboundId).slice(0, TAG_LENGTH);
}

/** A button's callback_data: tagged with its keyboard's tag, or (no tag) in the legacy form. */
export function callbackDataFor(payload: string, tag?: string): string {
  const prefix = tag === undefined ? '' : `${DIGEST_MARK}${tag}.`;
  const room = CALLBACK_DATA_MAX_BYTES - prefix.length;
  const fits = payload.length > 0 && Buffer.byteLength(payload, 'utf8') <= room && !payload.startsWith(DIGEST_MARK);
  return prefix + (fits ? payload : digestOf(payload));
}

export function readButtonData(data: string): ButtonData {
  const tagged = TAGGED.exec(data);
  return tagged ? { tag: tagged[1]!, payload: tagged[2]! } : { payload: data };
}

/** A payload part that is a digest, not the payload itself. */
export function isDigest(payload: string): boolean {
  return payload.startsWith(DIGEST_MARK);
}

/** The choice a button's payload part (see readButtonData) stands for, among the choices that keyboard was sent with. */
export function choiceForData(payload: string, choices: readonly Choice[]): Choice | undefined {
  // A digest stands for its payload whatever room the payload had (64 bytes in the legacy form, 54 tagged).
  return choices.find((c) => (isDigest(payload) ? digestOf(c.payload) : c.payload) === payload);
}

/**
 * Rows of buttons: short labels side by side (three "বাংলা / हिन्दी / English"
 * fit a phone's width), longer ones one to a row so that nothing is cut off.
 * `tag`: see keyboardTag (absent: the legacy form, for tests of old keyboards).
 */
export function inlineKeyboard(choices: readonly Choice[], tag?: string): InlineButton[][] {
  const buttons = choices.map((c) => ({ text: c.title.trim() || c.payload, callback_data: callbackDataFor(c.payload, tag) }));
  const longest = Math.max(0, ...buttons.map((b) => [...b.text].length));
  const perRow = longest <= 10 ? 3 : longest <= 18 ? 2 : 1;
  const rows: InlineButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

function digestOf(payload: string): string {
  return DIGEST_MARK + digest(payload).slice(0, 20);
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}
