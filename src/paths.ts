/**
 * Where the shipped data folders are. Code runs from src/ under jest and from
 * dist/src/ once built, so paths are found from the project root (the folder
 * with package.json), never from a fixed number of `..`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'locales'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`Sahay: cannot find the project root above ${start}`);
    dir = up;
  }
}

export const projectRoot = findRoot(__dirname);
export const flowsDir = join(projectRoot, 'flows');
export const localesDir = join(projectRoot, 'locales');
export const configDir = join(projectRoot, 'config');
/** Static files of the web chat page and, later, the console. */
export const publicDir = join(projectRoot, 'src', 'http', 'public');
