/**
 * Which `.env` file the `sahay` command reads, and which settings came from it.
 *
 * After `npm link`, `sahay` runs from any folder. Reading `.env` from the current
 * directory only would give `cd /tmp && sahay accounts add …` none of the
 * checkout's settings, so: the current directory's `.env` when it has one (a
 * deployment folder of its own), else the project root's. The names it set are
 * kept so that config.ts can read a relative path in it from the file's folder.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'dotenv';
import { projectRoot } from './paths';

export interface EnvFile {
  /** The file read. */
  path: string;
  /** Its folder: relative paths written in the file are read from here. */
  dir: string;
  /** The variables the file set (those already in the environment are left alone, as dotenv does). */
  names: ReadonlySet<string>;
}

/** The current directory's `.env` if it has one, else the project root's; undefined when neither exists. */
export function findEnvFile(cwd: string, root = projectRoot): string | undefined {
  return [join(cwd, '.env'), join(root, '.env')].find((file) => existsSync(file) && statSync(file).isFile());
}

/** Read the `.env` findEnvFile picks into `env`, never overriding a variable that is already set. */
export function loadEnvFile(env: NodeJS.ProcessEnv, cwd: string, root = projectRoot): EnvFile | undefined {
  const path = findEnvFile(cwd, root);
  if (!path) return undefined;
  const names = new Set<string>();
  for (const [name, value] of Object.entries(parse(readFileSync(path)))) {
    if (env[name] !== undefined) continue; // the shell's environment wins
    env[name] = value;
    names.add(name);
  }
  return { path, dir: dirname(path), names };
}
