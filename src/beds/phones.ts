/**
 * Phone numbers out of a feed's contact cell, which is written for people:
 * "Dr. Indra Kumar Chandrakar 9826105264", "020-29525922 /",
 * "02024448884, 8446650687", "9765078515/8484083184", "na", "0".
 * Names and words are dropped (they are officers' names: we keep only the
 * numbers a patient dials); each run of digits with the spaces, dashes, dots
 * and brackets people put inside numbers is one number if it has 6 to 15 digits.
 */

const RUN = /\+?\d[\d\s().-]*\d/g;

export function extractPhones(cell: string): string[] {
  const out: string[] = [];
  for (const piece of cell.split(/[/,;|&]|\bor\b|\band\b/i)) {
    for (const m of piece.matchAll(RUN)) {
      const run = m[0].replace(/\s+/g, ' ').trim();
      // Two numbers with only a space between them read as one run: split it again.
      const numbers = digitCount(run) > 15 ? run.split(' ') : [run];
      for (const number of numbers) {
        const digits = digitCount(number);
        if (digits < 6 || digits > 15 || out.includes(number)) continue;
        out.push(number);
      }
    }
  }
  return out;
}

const digitCount = (s: string): number => s.replace(/\D/g, '').length;

/** A landline code and the length of its local numbers (places.yaml `std`): 020 and 8 in Pune. */
export interface StdCode {
  code: string;
  digits: number;
}

/**
 * A number as a patient dials it from a mobile, or null when it cannot be dialled as given.
 * Feeds give what their clerks typed: "9826105264", "020-29525922", "+91 20 6193 0044", but also
 * a mobile with a digit lost ("942414772"), a Pune landline without its 020 ("24350286") or with
 * its 0 lost ("2027120049"). India's numbers are 10 digits after the 0 or +91: a mobile starts
 * with 6–9; a landline is a code and a local number of 6–8 digits. So:
 * - a mobile (10 digits, 6–9 first), a number with its 0 (11 digits) or with +91 is kept as written;
 * - 10 digits starting 2–5 are a landline that lost its 0: the 0 is put back;
 * - a local number (6–8 digits) gets its district's code, when the district has one code for
 *   local numbers of that length (`std`); else it cannot be dialled from a mobile;
 * - anything else (9 digits, 0 and 9 digits, 12 digits not 91...) cannot be dialled.
 * Toll-free numbers (1800..., 1860...) are kept.
 */
export function dialable(phone: string, std?: StdCode): string | null {
  const written = phone.trim();
  const digits = written.replace(/\D/g, '');
  if (written.startsWith('+')) {
    if (!digits.startsWith('91')) return digits.length >= 8 && digits.length <= 15 ? written : null;
    return digits.length === 12 && /^[1-9]/.test(digits.slice(2)) ? written : null;
  }
  if (/^(1800|1860)/.test(digits)) return digits.length >= 10 && digits.length <= 13 ? written : null;
  if (digits.length === 12 && /^91[1-9]/.test(digits)) return `+${digits}`;
  if (digits.length === 11) return /^0[1-9]/.test(digits) ? written : null;
  if (digits.length === 10) {
    if (/^[6-9]/.test(digits)) return written;
    if (/^[2-5]/.test(digits)) return `0${written.replace(/^[\s(]+/, '')}`;
    return null;
  }
  if (digits.length >= 6 && digits.length <= 8 && /^[2-9]/.test(digits) && std && std.digits === digits.length) return `${std.code}-${written}`;
  return null;
}

/** The numbers of a list a patient can dial (dialable), each once. */
export function dialablePhones(phones: readonly string[], std?: StdCode): string[] {
  const out: string[] = [];
  for (const p of phones) {
    const d = dialable(p, std);
    if (d !== null && !out.some((o) => o.replace(/\D/g, '') === d.replace(/\D/g, ''))) out.push(d);
  }
  return out;
}
