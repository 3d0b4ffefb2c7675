/**
 * Records from a JSON feed: an array of objects, either the whole document or at
 * a dotted path inside it (`records: data.hospitals`). Dashboards of 2021 often
 * served their data as a script (`chhattisgarh_data=[ ... ]`): a leading
 * `name =` (with `var`/`let`/`const`) and a trailing `;` are accepted.
 *
 * Each record keeps the line it starts on when the array is the whole document,
 * so that problems can be reported by line as for CSV.
 */
import { jsonErrorOffset } from './json-syntax';

export interface JsonRecord {
  /** The 1-based line the record starts on; 0 when unknown (records at a nested path). */
  line: number;
  /** 1-based position in the array. */
  index: number;
  value: unknown;
}

export type JsonRecordsResult = { ok: true; records: JsonRecord[] } | { ok: false; message: string };

const ASSIGNMENT = /^\s*(?:(?:var|let|const)\s+)?[A-Za-z_$][\w$.]*\s*=\s*/;

export function readJsonRecords(text: string, path?: string): JsonRecordsResult {
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const assignment = ASSIGNMENT.exec(unmarked);
  const offset = assignment ? assignment[0].length : 0;
  const body = unmarked.slice(offset).replace(/;\s*$/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    // Not JSON.parse's message: it quotes the feed (names, phone numbers) into logs and the stored status.
    const at = jsonErrorOffset(body);
    return { ok: false, message: notJson(unmarked, offset + (at < 0 ? body.length : at), offset + body.length) };
  }
  let list: unknown = doc;
  for (const part of path ? path.split('.') : []) {
    list = list !== null && typeof list === 'object' && !Array.isArray(list) ? (list as Record<string, unknown>)[part] : undefined;
  }
  if (!Array.isArray(list)) return { ok: false, message: path ? `no array at "${path}"` : 'the document is not an array of records' };
  const lines = path ? [] : elementLines(text, offset + (text.charCodeAt(0) === 0xfeff ? 1 : 0));
  return { ok: true, records: list.map((value, i) => ({ line: lines[i] ?? 0, index: i + 1, value })) };
}

/** "not valid JSON at line L, column C" (in the file as written) for the mistake at `at`: where, never what. */
function notJson(text: string, at: number, end: number): string {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  // Counted in characters (a Devanagari name is one column a letter, as an editor shows it).
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return `not valid JSON at line ${line}, column ${column}${at >= end ? ' (the text ends before the JSON does)' : ''}`;
}

/**
 * The line each element of the top-level array starts on: a scan that tracks
 * strings and nesting depth (the document has already parsed, so it is valid).
 */
function elementLines(text: string, from: number): number[] {
  const lines: number[] = [];
  let line = 1;
  for (let k = 0; k < from; k++) if (text[k] === '\n') line += 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let k = from; k < text.length; k++) {
    const c = text[k]!;
    if (c === '\n') line += 1;
    if (inString) {
      if (c === '\\') k += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (expectElement && depth === 1 && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth += 1;
      if (depth === 1) expectElement = true;
    } else if (c === ']' || c === '}') depth -= 1;
    else if (c === ',' && depth === 1) expectElement = true;
  }
  return lines;
}
