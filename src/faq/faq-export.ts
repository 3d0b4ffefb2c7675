/**
 * Writing FAQ files (`sahay faq export`) in the formats `sahay faq import`
 * reads (faq-file.ts): an export imported again changes nothing. A CSV cell a
 * spreadsheet would run as a formula is written with the guard faq-file.ts
 * describes, which the import takes off again.
 */
import { stringify } from 'yaml';
import { LANGUAGES } from '../engine/flow';
import { CSV_COLUMNS, guardFormula, type FaqFileFormat, type FaqFileRow } from './faq-file';

export function writeFaqFile(rows: readonly FaqFileRow[], format: FaqFileFormat): string {
  if (format === 'csv') return writeCsv(rows);
  const entries = rows.map((r) => ({ id: r.content.id, status: r.publish ? 'published' : 'draft', ...withoutId(r.content) }));
  if (format === 'json') return `${JSON.stringify({ entries }, null, 2)}\n`;
  return stringify({ entries }, { lineWidth: 0 });
}

function withoutId<T extends { id: string }>(c: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = c;
  return rest;
}

function writeCsv(rows: readonly FaqFileRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { content: c, publish } of rows) {
    const cells: Record<string, string> = {
      id: c.id,
      status: publish ? 'published' : 'draft',
      topics: c.topics.join(' '),
      source: c.source,
      reviewed: c.reviewed,
    };
    for (const l of LANGUAGES) {
      cells[`question_${l}`] = questionsCell(c.questions[l] ?? []);
      cells[`answer_${l}`] = c.answers[l] ?? '';
    }
    // Every cell, not only the text ones: what an admin opens must never run as a formula.
    lines.push(CSV_COLUMNS.map((col) => csvCell(guardFormula(cells[col] ?? ''))).join(','));
  }
  // CRLF, as RFC 4180 says; the UTF-8 BOM makes Excel read Bengali and Devanagari right.
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * Several questions: one per line inside the cell (spreadsheets keep line breaks in
 * quoted cells). A one-line cell is split at " | " on import (for hand-typed sheets),
 * so a lone question holding " | " gets a line break after it: it then reads back as
 * one question, not two.
 */
function questionsCell(questions: readonly string[]): string {
  const cell = questions.join('\n');
  return questions.length === 1 && cell.includes(' | ') ? `${cell}\n` : cell;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
