/**
 * FAQ files: what `sahay faq import` reads and `sahay faq export` writes, and
 * the format of the starter set. Three formats, one meaning:
 *
 * YAML or JSON: a list of entries, or `{ entries: [...] }`:
 * ```yaml
 * entries:
 *   - id: isolation-how-long
 *     status: published          # or draft (default: published)
 *     topics: [isolation]
 *     questions: { en: ["How long should I isolate?"], bn: ["কত দিন আইসোলেশনে থাকব?", "koto din isolation"] }
 *     answers: { en: "…", bn: "…", hi: "…" }
 *     source: "MoHFW, Revised guidelines for home isolation (5 January 2022)"
 *     reviewed: 2022-01-10
 * ```
 * CSV (a spreadsheet): one row per entry, header
 * `id,status,topics,source,reviewed,question_bn,question_hi,question_en,answer_bn,answer_hi,answer_en`;
 * several topics are separated by spaces or ";". Several questions: a cell with line
 * breaks holds one question per line (and " | " is then part of a question); a cell
 * on one line, typed by hand, holds questions separated by " | ". The exporter writes
 * a lone question that contains " | " with a line break after it, so that it reads
 * back as one question.
 *
 * Formula guard (CSV only): a spreadsheet runs a cell that starts with =, +, -, @, a tab
 * or a carriage return as a formula ("=HYPERLINK(…)" in an answer would run on the admin's
 * machine). The exporter writes such a cell with an apostrophe before it (OWASP's advice),
 * and the importer takes exactly that apostrophe off again, so an export reads back as it
 * was: "'+91 98300 00000" → "+91 98300 00000", "'- Rest" → "- Rest". A cell whose text
 * really starts with an apostrophe is left alone ("'Long COVID' is…"), unless what follows
 * the apostrophe would itself be guarded: then the exporter adds a second one ("''=x" for
 * the text "'=x"), so that the importer still takes off only the one it added.
 *
 * Every problem names its row — the entry's position in the list, or the
 * spreadsheet row (the header is row 1) — its id when readable, and the field.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { yamlValue } from '../yaml-value';
import { parseCsv } from '../beds/csv';
import { LANGUAGES } from '../engine/flow';
import type { FaqContent } from '../storage/repositories';
import { faqContentSchema } from './content';

export type FaqFileFormat = 'yaml' | 'json' | 'csv';

export interface FaqFileRow {
  /** 1-based: list position (YAML/JSON) or spreadsheet row (CSV). */
  row: number;
  content: FaqContent;
  publish: boolean;
}

export interface FaqFileProblem {
  row?: number;
  /** The YAML line the problem is on, when known. */
  line?: number;
  id?: string;
  field?: string;
  message: string;
}

export interface ParsedFaqFile {
  rows: FaqFileRow[];
  problems: FaqFileProblem[];
}

export const CSV_COLUMNS = ['id', 'status', 'topics', 'source', 'reviewed', ...LANGUAGES.map((l) => `question_${l}`), ...LANGUAGES.map((l) => `answer_${l}`)] as const;

/** The format from a file name: .yaml/.yml, .json, .csv. */
export function formatOf(fileName: string): FaqFileFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  if (ext === 'json') return 'json';
  if (ext === 'csv') return 'csv';
  return undefined;
}

export function parseFaqFile(text: string, format: FaqFileFormat): ParsedFaqFile {
  return format === 'csv' ? parseCsvFile(text) : parseStructured(text, format);
}

export function formatProblem(p: FaqFileProblem): string {
  const where = [p.row !== undefined ? `row ${p.row}` : undefined, p.line !== undefined ? `line ${p.line}` : undefined].filter(Boolean).join(', ');
  const id = p.id !== undefined ? ` (id "${p.id}")` : '';
  const field = p.field !== undefined && p.field !== '' ? `field ${p.field}: ` : '';
  return `${where}${id}${where || id ? ': ' : ''}${field}${p.message}`;
}

const statusOf = (value: unknown): boolean | string => {
  if (value === undefined || value === null || value === '' || value === 'published') return true;
  if (value === 'draft') return false;
  return `must be "published" or "draft", not ${JSON.stringify(value)}`;
};

function parseStructured(text: string, format: 'yaml' | 'json'): ParsedFaqFile {
  let data: unknown;
  let doc: Document | undefined;
  const lines = new LineCounter();
  if (format === 'json') {
    try {
      data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (err) {
      return { rows: [], problems: [{ message: `not valid JSON: ${(err as Error).message}` }] };
    }
  } else {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return { rows: [], problems: doc.errors.map((e) => ({ line: lines.linePos(e.pos[0]).line, message: `YAML: ${e.message}` })) };
    }
    const read = yamlValue(doc, lines);
    if ('problem' in read) return { rows: [], problems: [read.problem] };
    data = read.value;
  }
  const list = Array.isArray(data) ? data : data !== null && typeof data === 'object' && Array.isArray((data as { entries?: unknown }).entries) ? (data as { entries: unknown[] }).entries : undefined;
  if (!list) return { rows: [], problems: [{ message: 'expected a list of entries, or a mapping with "entries:" holding the list' }] };
  const seq = doc && (isSeq(doc.contents) ? doc.contents : isMap(doc.contents) ? doc.contents.get('entries', true) : undefined);
  const lineOf = (i: number): number | undefined => {
    const node = isSeq(seq) ? seq.items[i] : undefined;
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  const rows: FaqFileRow[] = [];
  const problems: FaqFileProblem[] = [];
  list.forEach((raw, i) => {
    const row = i + 1;
    const line = lineOf(i);
    const base = { row, ...(line !== undefined ? { line } : {}) };
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push({ ...base, message: 'an entry must be a mapping of fields' });
      return;
    }
    const { status, ...fields } = raw as Record<string, unknown>;
    // YAML reads an unquoted 2022-01-10 as a date: keep the day it names.
    if (fields.reviewed instanceof Date) fields.reviewed = fields.reviewed.toISOString().slice(0, 10);
    checkRow(fields, statusOf(status), base, rows, problems, (f) => f);
  });
  checkDuplicates(rows, problems);
  return { rows, problems };
}

/**
 * Where a record is: the row the admin's spreadsheet shows it on, and the file's line when that
 * differs (a cell of several questions, one per line, makes them part).
 */
const where = (r: { row: number; line: number }): { row: number; line?: number } => (r.row === r.line ? { row: r.row } : { row: r.row, line: r.line });

function parseCsvFile(text: string): ParsedFaqFile {
  const { header, rows: records, problems: csvProblems } = parseCsv(text);
  const problems: FaqFileProblem[] = csvProblems.map((p) => ({ ...where(p), message: p.message }));
  if (header.length === 0) return { rows: [], problems };
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  for (const h of unknown) problems.push({ row: 1, field: h, message: `unknown column (the columns are ${CSV_COLUMNS.join(', ')})` });
  // A column named twice: which of its cells is meant cannot be told (only the first was read before).
  for (const h of new Set(header.filter((h, i) => header.indexOf(h) !== i))) problems.push({ row: 1, field: h, message: 'this column is in the header more than once' });
  for (const required of ['id', 'source', 'reviewed']) {
    if (!header.includes(required)) problems.push({ row: 1, field: required, message: 'required column is missing' });
  }
  if (problems.length > 0) return { rows: [], problems };
  const rows: FaqFileRow[] = [];
  for (const r of records) {
    // The formula guard comes off before anything else reads the cell: it is the export's, not the text's.
    const raw = (name: string): string => unguardFormula(r.fields[header.indexOf(name)] ?? '');
    const cell = (name: string): string => raw(name).trim();
    // Untrimmed: a trailing line break is what marks a lone question holding " | " (see the top).
    const questions = (l: string) => splitList(raw(`question_${l}`));
    const fields: Record<string, unknown> = {
      id: cell('id'),
      topics: cell('topics') === '' ? [] : cell('topics').split(/[\s;,]+/).filter((t) => t !== ''),
      questions: Object.fromEntries(LANGUAGES.flatMap((l) => (questions(l).length ? [[l, questions(l)]] : []))),
      answers: Object.fromEntries(LANGUAGES.flatMap((l) => (cell(`answer_${l}`) !== '' ? [[l, cell(`answer_${l}`)]] : []))),
      source: cell('source'),
      reviewed: cell('reviewed'),
    };
    if (r.fields.slice(header.length).some((f) => f.trim() !== '')) {
      const id = cell('id');
      problems.push({ ...where(r), ...(id !== '' ? { id } : {}), message: `${r.fields.length - header.length} more cell(s) than the header has columns` });
      continue;
    }
    checkRow(fields, statusOf(cell('status')), where(r), rows, problems, csvField);
  }
  checkDuplicates(rows, problems);
  return { rows, problems };
}

function checkRow(
  fields: Record<string, unknown>,
  publish: boolean | string,
  base: { row: number; line?: number },
  rows: FaqFileRow[],
  problems: FaqFileProblem[],
  fieldName: (path: string) => string,
): void {
  const id = typeof fields.id === 'string' && fields.id !== '' ? fields.id : undefined;
  const at = { ...base, ...(id !== undefined ? { id } : {}) };
  if (typeof publish === 'string') problems.push({ ...at, field: 'status', message: publish });
  const result = faqContentSchema.safeParse(fields);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join('.');
      const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
      problems.push({ ...at, ...(field !== '' ? { field: fieldName(field) } : {}), message: issue.code === 'invalid_type' && issue.input === undefined ? 'required' : message });
    }
    return;
  }
  if (typeof publish === 'boolean') rows.push({ row: base.row, content: result.data, publish });
}

/** One entry per id in a file: a second row with the same id is a mistake, not a second version. */
function checkDuplicates(rows: FaqFileRow[], problems: FaqFileProblem[]): void {
  const first = new Map<string, number>();
  for (const r of rows) {
    const seen = first.get(r.content.id);
    if (seen !== undefined) problems.push({ row: r.row, id: r.content.id, field: 'id', message: `the same id as row ${seen}` });
    else first.set(r.content.id, r.row);
  }
}

/** A field path in the terms of the spreadsheet: answers.bn is column answer_bn, questions.hi.1 the second question in question_hi. */
function csvField(path: string): string {
  const [head, lng, index] = path.split('.');
  if (head === 'answers' && lng !== undefined) return `answer_${lng}`;
  if (head === 'questions' && lng !== undefined) return index !== undefined ? `question_${lng} (question ${Number(index) + 1})` : `question_${lng}`;
  if (head === 'topics' && lng !== undefined) return `topics (topic ${Number(lng) + 1})`;
  return path;
}

/** What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Whether a cell's text needs the apostrophe of the formula guard: it starts a formula, or it
 * starts with apostrophes before one (so that the importer's "take one off" gives it back whole).
 */
function needsFormulaGuard(text: string): boolean {
  return FORMULA_START.test(text.replace(/^'+/, ''));
}

/** A cell as the exporter writes it: with an apostrophe before it when a spreadsheet would run it (see the top). */
export function guardFormula(text: string): string {
  return needsFormulaGuard(text) ? `'${text}` : text;
}

/** A cell as the exporter meant it: the apostrophe of `guardFormula` off, and no other. */
export function unguardFormula(cell: string): string {
  return cell.startsWith("'") && needsFormulaGuard(cell.slice(1)) ? cell.slice(1) : cell;
}

/** The questions of a cell: one per line when it has line breaks, else separated by " | ". */
function splitList(cell: string): string[] {
  if (cell.trim() === '') return [];
  const parts = cell.includes('\n') ? cell.split(/\r?\n/) : cell.split(' | ');
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}
