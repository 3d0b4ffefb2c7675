/**
 * `sahay flows check [files...]`: the same checks the service runs at start-up
 * and the admin API runs before saving, for an author with a text editor.
 * Files are validated as one set; `call`/`goto_flow` may also name the flows in
 * the default folder, so that checking one edited file works on its own.
 *
 * Exit codes: 0 clean, 1 errors in the flows, 2 a file that does not exist or
 * nothing to check (a folder without flow files passing would hide a misnamed folder).
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { formatFlowError, sortFlowErrors } from '../flows/flow-error';
import { loadFlowFile } from '../flows/load';
import { FLOW_FILE_EXTENSIONS, listFlowFiles, withExtraFlows } from '../flows/registry';
import { validateFlows, type FlowToValidate, type ValidateContext } from '../flows/validate';

/** The locales and actions flows are checked against (validate-context.ts), and where to write. */
export interface FlowsCheckDeps extends Omit<ValidateContext, 'extraFlowIds'> {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Checked when no file is given; its flows are known to `call`/`goto_flow` in any case. */
  defaultDir: string;
  /** File names are shown relative to it (default: the working directory). */
  cwd?: string;
}

export function runFlowsCheck(files: readonly string[], deps: FlowsCheckDeps): number {
  const cwd = deps.cwd ?? process.cwd();
  const show = (path: string) => {
    const rel = relative(cwd, resolve(cwd, path));
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  };
  const defaultDir = resolve(cwd, deps.defaultDir);
  const hasDefaultDir = isDir(defaultDir);

  if (files.length === 0 && !hasDefaultDir) {
    deps.err(`${show(defaultDir)}: flow folder not found`);
    return 2;
  }
  // A folder given on the command line stands for its flow files (*.yaml, *.yml).
  const folders = (files.length > 0 ? files : [defaultDir]).filter((f) => isDir(resolve(cwd, f)));
  const expanded = (files.length > 0 ? files : [defaultDir]).flatMap((f) =>
    isDir(resolve(cwd, f)) ? listFlowFiles(resolve(cwd, f)).map(show) : [f],
  );
  // A folder with nothing to check is a mistake (a wrong path, files named .txt), not a pass.
  const empty = folders.filter((f) => listFlowFiles(resolve(cwd, f)).length === 0).map(show);
  const extensions = FLOW_FILE_EXTENSIONS.map((ext) => `*${ext}`).join(' or ');
  for (const f of empty) deps.err(`${f}: no flow files (${extensions}) in this folder`);
  // The same file named twice (`flows/*.yaml flows/triage.yaml`) is one file, not a duplicate flow.
  const targets = expanded.filter((f, i) => expanded.findIndex((g) => resolve(cwd, g) === resolve(cwd, f)) === i);

  const missing = targets.filter((f) => !existsSync(resolve(cwd, f)));
  for (const f of missing) deps.err(`${f}: file not found`);
  const present = targets.filter((f) => !missing.includes(f));

  const parsed = present.map((f) => ({ ...loadFlowFile(resolve(cwd, f)), file: f }));
  const valid: FlowToValidate[] = parsed.flatMap(({ file, flow, locate }) => (flow ? [{ file, flow, locate }] : []));
  const extraFlowIds = new Set(parsed.flatMap((p) => (p.flow === undefined && p.id !== undefined ? [p.id] : [])));
  if (hasDefaultDir) {
    const checked = new Set(present.map((f) => resolve(cwd, f)));
    for (const f of listFlowFiles(defaultDir)) {
      if (checked.has(f)) continue;
      const id = loadFlowFile(f).id;
      if (id !== undefined) extraFlowIds.add(id);
    }
  }

  // loadFlowFile named errors by absolute path; they must name the file as the user wrote it.
  const parseErrors = parsed.flatMap((p) => p.errors.map((e) => ({ ...e, file: p.file })));
  const errors = sortFlowErrors([...parseErrors, ...validateFlows(valid, withExtraFlows(deps, extraFlowIds))]);
  for (const e of errors) deps.err(formatFlowError(e));

  const problems = errors.length + missing.length;
  const filesWithProblems = new Set([...errors.map((e) => e.file), ...missing]).size;
  if (problems === 0 && empty.length === 0) {
    deps.out(`${plural(targets.length, 'flow file')} checked: no errors`);
    return 0;
  }
  if (problems > 0) deps.err(`${plural(problems, 'error')} in ${filesWithProblems} of ${plural(targets.length, 'flow file')}`);
  return missing.length > 0 || empty.length > 0 ? 2 : 1;
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
