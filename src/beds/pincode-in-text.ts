/**
 * The PIN code in what a patient wrote: "my pin is 700064", "আমার পিন কোড ৭০০০৩২", "pin 700 064",
 * or the PIN alone typed where a place was asked. Six digits in any script (Bengali ০–৯,
 * Devanagari ०–९), the first not 0, optionally split 3 + 3 by a space or a hyphen as India Post
 * prints them; not part of a longer number (a phone number holds six digits in a row too).
 * Null when there is none, or two different ones (no guess which).
 */
import { toAsciiDigits } from '../i18n/digits';

const PIN = /(?<![\d.,])([1-9]\d{2})[ -]?(\d{3})(?![\d.,]?\d)/g;

export function pincodeIn(text: string): string | null {
  const pins = new Set([...toAsciiDigits(text).matchAll(PIN)].map((m) => `${m[1]}${m[2]}`));
  return pins.size === 1 ? [...pins][0]! : null;
}
