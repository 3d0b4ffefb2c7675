/**
 * A one-line progress bar for long imports, on stderr and only when it is a
 * terminal (pipes and CI logs get no control characters). Redraws at most every
 * 100 ms.
 *
 * ```text
 * Importing Pune.csv  [##########----------]  52%  5,200/10,000
 * ```
 */
export interface ProgressBar {
  update(done: number, total: number): void;
  finish(): void;
}

const WIDTH = 24;

export function progressBar(stream: NodeJS.WriteStream, label: string, now: () => number = Date.now): ProgressBar {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(done, total) {
      const t = now();
      if (done < total && t - last < 100) return;
      last = t;
      const share = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(share * WIDTH);
      stream.write(`\r${label}  [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
