/**
 * Reading a flow file: YAML syntax, then the schema. Parsed with `parseDocument`
 * and a LineCounter so that every error, syntax or schema, names its line. What
 * comes out is a FlowDef with its content-hash version, ready for validate.ts
 * (which needs the other flows, the locales and the actions to say more).
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { remembered } from '../remembered';
import { yamlValue } from '../yaml-value';
import type { FlowDef } from '../engine/flow';
import type { FlowError } from './flow-error';
import { flowErrorMap, issuesToErrors } from './issues';
import { noLocator, yamlLocator, type Locator } from './locate';
import { flowFileSchema } from './schema';
import { flowVersion } from './version';

export interface ParsedFlow {
  /** Set when the file is valid YAML and matches the schema. */
  flow?: FlowDef;
  errors: FlowError[];
  /** Lines of paths in the source, for the errors validate.ts finds later. */
  locate: Locator;
  /**
   * The flow id as far as it could be read, even from a broken file: other flows
   * that call this one should not also fail with "unknown flow".
   */
  id?: string;
}

export function loadFlowFile(path: string): ParsedFlow {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read the file (${(err as Error).message})`;
    return { errors: [{ file: path, message: reason }], locate: noLocator };
  }
  return parseFlowSource(source, path);
}

/**
 * `fileName` is only used to name the source in errors. Worked out once per process for each
 * file name and text (src/yaml-file.ts says why): each caller gets its own flow and errors.
 */
export function parseFlowSource(source: string, fileName: string): ParsedFlow {
  const parsed = parsedSources(`${fileName}\u0000${source}`);
  return { ...parsed, errors: structuredClone(parsed.errors), ...(parsed.flow ? { flow: structuredClone(parsed.flow) } : {}) };
}

const parsedSources = remembered((key: string) => {
  const at = key.indexOf('\u0000');
  return parseFlowSourceOnce(key.slice(at + 1), key.slice(0, at));
}, { max: 256 });

function parseFlowSourceOnce(source: string, fileName: string): ParsedFlow {
  const lines = new LineCounter();
  // prettyErrors off: one-line messages; the line comes from the error's offset instead.
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  // Unreadable YAML: the flow's id, when its line is plain, still says which flow the errors are of.
  const unreadable = (errors: FlowError[]): ParsedFlow => {
    const id = /^id:[ \t]*([a-z][a-z0-9_]*)[ \t]*(#.*)?$/m.exec(source)?.[1];
    return { errors, locate: noLocator, ...(id !== undefined ? { id } : {}) };
  };
  if (doc.errors.length > 0) return unreadable(doc.errors.map((e) => ({ file: fileName, line: lines.linePos(e.pos[0]).line, message: `YAML: ${e.message}` })));
  if (doc.contents === null) return { errors: [{ file: fileName, line: 1, message: 'the file is empty' }], locate: noLocator };
  const read = yamlValue(doc, lines);
  if ('problem' in read) return unreadable([{ file: fileName, ...read.problem }]);
  const locate = yamlLocator(doc, lines);
  return parseFlowDefinition(read.value, fileName, locate);
}

/** The same checks for a definition that is already a value (JSON from the admin API, the store). */
export function parseFlowDefinition(value: unknown, fileName: string, locate: Locator = noLocator): ParsedFlow {
  const result = flowFileSchema.safeParse(value, { error: flowErrorMap });
  if (!result.success) {
    const id = value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
    const known = typeof id === 'string' ? { flow: id } : {};
    return { errors: issuesToErrors(result.error.issues, { file: fileName, ...known }, locate), locate, ...(typeof id === 'string' ? { id } : {}) };
  }
  const file = result.data;
  return { flow: { ...file, version: flowVersion(file) }, errors: [], locate, id: file.id };
}
