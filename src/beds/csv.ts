/**
 * A small RFC 4180 CSV reader for bed feeds (no CSV library is installed, and
 * feeds are small enough to read whole). It keeps the line each record starts
 * on, so that every problem can be reported by line.
 *
 * What it accepts, beyond the RFC: a UTF-8 BOM; LF or CRLF line ends; a carriage
 * return inside a field that is not followed by a line feed (West Bengal's lists
 * have "Nandigram Health\rDistrict") is kept as data; blank lines are skipped, and so
 * are records whose cells are all empty (`,,,`: Excel writes them for rows it once
 * used), which a spreadsheet shows as empty rows too.
 * What it refuses, as a problem of that record: a quote that is not closed by the
 * end of the file, and text after a closing quote (`"abc"def`).
 *
 * ```ts
 * const { header, rows, problems } = parseCsv('name,beds\r\n"Desun, Kolkata",25\r\n');
 * // header ['name', 'beds'], headerLine 1, rows [{ line: 2, row: 2, fields: ['Desun, Kolkata', '25'] }]
 * ```
 */

export interface CsvRow {
  /** The 1-based line the record starts on (the header is on `headerLine`). */
  line: number;
  /**
   * The row a spreadsheet shows it on (the header is row 1): records counted, blank lines
   * included (a spreadsheet shows them as empty rows), a quoted cell's line breaks not. It is
   * `line` until a cell holds a line break (several FAQ questions, a two-line name).
   */
  row: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  row: number;
  message: string;
}

export interface CsvResult {
  header: string[];
  /** The line the header is on: 1, unless blank lines come first. */
  headerLine: number;
  rows: CsvRow[];
  problems: CsvProblem[];
}

export function parseCsv(text: string, delimiter = ','): CsvResult {
  const records = readRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, delimiter);
  const first = records.find((r) => !r.blank);
  if (!first) return { header: [], headerLine: 1, rows: [], problems: [{ line: 1, row: 1, message: 'the file is empty (no header row)' }] };
  const problems: CsvProblem[] = records.filter((r) => r.problem).map((r) => ({ line: r.line, row: r.row, message: r.problem as string }));
  const header = first.fields.map((h) => h.trim());
  const rows = records.filter((r) => r !== first && !r.blank && !r.problem).map((r) => ({ line: r.line, row: r.row, fields: r.fields }));
  return { header, headerLine: first.line, rows, problems };
}

interface RawRecord {
  line: number;
  row: number;
  fields: string[];
  blank: boolean;
  problem?: string;
}

function readRecords(text: string, delimiter: string): RawRecord[] {
  const out: RawRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const row = out.length + 1;
    const fields: string[] = [];
    let problem: string | undefined;
    let endOfRecord = false;
    while (!endOfRecord) {
      let value = '';
      if (text[i] === '"') {
        // Quoted field: "" is a quote; anything else, newlines included, is data.
        i += 1;
        let closed = false;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          if (c === '\n') line += 1;
          value += c;
          i += 1;
        }
        if (!closed) problem ??= `field ${fields.length + 1}: a quote opened on line ${start} is never closed`;
        // After the closing quote: a delimiter, a line end or the end of the file.
        if (closed && i < n && text[i] !== delimiter && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          problem ??= `field ${fields.length + 1}: text after a closing quote`;
          while (i < n && text[i] !== delimiter && text[i] !== '\n') i += 1;
        }
      } else {
        const begin = i;
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) i += 1;
        value = text.slice(begin, i);
      }
      fields.push(value);
      if (i >= n) endOfRecord = true;
      else if (text[i] === delimiter) i += 1;
      else {
        i += text[i] === '\r' ? 2 : 1;
        line += 1;
        endOfRecord = true;
      }
    }
    // Blank: an empty line, or only empty cells (spaces count as empty: a spreadsheet shows none).
    const blank = fields.every((f) => f.trim() === '');
    out.push(problem ? { line: start, row, fields, blank: false, problem } : { line: start, row, fields, blank });
  }
  return out;
}
