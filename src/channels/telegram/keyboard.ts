/**
 * Choices as an inline keyboard. Each button's callback_data is the choice's
 * payload, which comes back as-is when the patient presses it.
 *
 * Telegram allows 1 to 64 bytes of callback_data. Flow payloads are short ids
 * ("yes", "in_wb"), but flows are edited by admins, so a longer one (or one in
 * Bengali, three bytes a letter) is replaced by `~` and a 20-character digest of
 * it. The digest is deterministic, so the channel can match it against the
 * choices it sent; a payload that itself starts with `~` is digested too, so the
 * two forms never mix.
 */
import { createHash } from 'node:crypto';
import type { Choice } from '../../router/message';

export const CALLBACK_DATA_MAX_BYTES = 64;
const DIGEST_MARK = '~';

export interface InlineButton {
  text: string;
  callback_data: string;
}

export function callbackDataFor(payload: string): string {
  const fits = payload.length > 0 && Buffer.byteLength(payload, 'utf8') <= CALLBACK_DATA_MAX_BYTES && !payload.startsWith(DIGEST_MARK);
  return fits ? payload : DIGEST_MARK + createHash('sha256').update(payload, 'utf8').digest('base64url').slice(0, 20);
}

export function isDigest(data: string): boolean {
  return data.startsWith(DIGEST_MARK);
}

/** The choice a button's callback_data stands for, among the choices that keyboard was sent with. */
export function choiceForData(data: string, choices: readonly Choice[]): Choice | undefined {
  return choices.find((c) => callbackDataFor(c.payload) === data);
}

/**
 * Rows of buttons: short labels side by side (three "বাংলা / हिन्दी / English"
 * fit a phone's width), longer ones one to a row so that nothing is cut off.
 */
export function inlineKeyboard(choices: readonly Choice[]): InlineButton[][] {
  const buttons = choices.map((c) => ({ text: c.title.trim() || c.payload, callback_data: callbackDataFor(c.payload) }));
  const longest = Math.max(0, ...buttons.map((b) => [...b.text].length));
  const perRow = longest <= 10 ? 3 : longest <= 18 ? 2 : 1;
  const rows: InlineButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}
