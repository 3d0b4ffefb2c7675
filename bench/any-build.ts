/**
 * Running the code of any compiled build from a bench script, so that two builds can be
 * compared in alternation, as bench/README.md measures a change. A build is a folder holding
 * src/ and bench/ compiled, inside the project so that node_modules resolves: `dist/`, or the
 * commit before made with `git worktree add` and `tsc -p tsconfig.build.json --outDir`.
 *
 *   node dist/bench/faq-edits.js dist-before --runs 2
 */
import { join, resolve } from 'node:path';

/** Loads a module of a build by its path there, e.g. `load<typeof import('../src/log')>('src/log')`. */
export type BuildLoader = <T>(path: string) => T;

export function buildLoader(build: string): BuildLoader {
  return <T>(path: string): T => require(join(build, path)) as T;
}

export interface BuildArgs<K extends string> {
  /** The build folder as given, if one was. */
  folder: string | undefined;
  /** Its absolute path; this script's own build when none was given. */
  build: string;
  numbers: Record<K, number>;
}

/**
 * A bench script's command line: an optional build folder (the first argument that is not an
 * option or an option's value) and whole-number options `--name N`, each 1 or more.
 */
export function buildArgs<K extends string>(argv: readonly string[], defaults: Record<K, number>): BuildArgs<K> {
  const numbers = { ...defaults };
  const values = new Set<number>();
  for (const name of Object.keys(defaults) as K[]) {
    const at = argv.indexOf(`--${name}`);
    if (at < 0) continue;
    const n = Number(argv[at + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of 1 or more, not ${argv[at + 1] ?? 'nothing'}`);
    numbers[name] = n;
    values.add(at + 1);
  }
  const folder = argv.find((a, i) => !a.startsWith('--') && !values.has(i));
  return { folder, build: folder ? resolve(folder) : join(__dirname, '..'), numbers };
}
