/**
 * A YAML file's value, parsed once per process for each text it has had. The configuration
 * files and flows are read at every start of a core, and one process may start many: the
 * command line's commands, and the tests (some 800 cores a run, each parse of the same
 * 400 KB of YAML taking about 170 ms). Keyed by the text itself, so an edited file is parsed
 * anew. Each caller gets its own copy (structuredClone): loaders may change what they read.
 *
 * ```ts
 * const data = readYamlFile(file); // throws as yaml's parse does, for an unreadable file or bad YAML
 * ```
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { remembered } from './remembered';

const parsedText = remembered((text: string) => parse(text) as unknown, { max: 64 });

export function readYamlFile(file: string): unknown {
  return structuredClone(parsedText(readFileSync(file, 'utf8')));
}
