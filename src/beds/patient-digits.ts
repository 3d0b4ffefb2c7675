/**
 * A number said back to a patient in the digits they typed it in, where their language's messages
 * write numbers in its own digits: Bengali's do ("পিন কোড ৬ অঙ্কের হয়"), so "৭০০০২" is told it has
 * ৫ digits, not 5; Hindi's write Latin digits ("6 अंकों का"), as English does, so theirs stay so.
 */
import type { Language } from '../engine/flow';

/** The zero of the digits a language's messages write numbers in, where they are its own. */
const OWN_DIGITS_ZERO: Partial<Record<Language, number>> = { bn: 0x09e6 };

export function inPatientDigits(value: number | string, typed: string, lang: Language): string {
  const text = String(value);
  const zero = OWN_DIGITS_ZERO[lang];
  if (zero === undefined || !typedIn(typed, zero)) return text;
  return text.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
}

function typedIn(text: string, zero: number): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= zero && cp <= zero + 9) return true;
  }
  return false;
}
