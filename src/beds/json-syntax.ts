/**
 * Where a JSON text stops being valid JSON, as an offset: for a problem that says
 * "line L, column C" and nothing else.
 *
 * JSON.parse's own message cannot be used: V8 quotes the text around the mistake
 * (`Unexpected token ''', ...'Dr. Indra Kumar Chandrakar 98261'... is not valid JSON`),
 * and a feed's text is names and phone numbers, which must stay out of logs and of
 * the stored source status. For some mistakes it gives no position at all. So the
 * position comes from jsonc-parser (VS Code's JSON scanner), asked for strict JSON (no
 * comments, no trailing commas); it runs only after JSON.parse has failed.
 */
import { parse, type ParseError } from 'jsonc-parser';

/** The offset of the first mistake in `text` (`text.length` when it ends early); -1 when jsonc-parser finds none. */
export function jsonErrorOffset(text: string): number {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  return first === undefined ? -1 : Math.min(first.offset, text.length);
}
