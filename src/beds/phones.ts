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
