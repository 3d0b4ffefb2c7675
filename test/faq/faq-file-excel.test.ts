/**
 * An FAQ spreadsheet as Excel saves it: rows of only empty cells (`,,,,,,,,,,`) where
 * cells were once used are empty rows, not entries with every field missing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatProblem, parseFaqFile } from '../../src/faq/faq-file';
import { projectRoot } from '../../src/paths';

const header = 'id,status,topics,source,reviewed,question_bn,question_hi,question_en,answer_bn,answer_hi,answer_en';

it('skips rows of only empty cells, and still names the spreadsheet row of the others', () => {
  // Two questions of the deepset COVID-QA question-similarity set (shared/data/faq).
  const [, first, second] = readFileSync(resolve(projectRoot, '..', 'shared', 'data', 'faq', 'deepset_question_similarity_en.csv'), 'utf8').split('\n');
  const question = (line: string | undefined) => /^("(?:[^"]|"")*"|[^,]*)/.exec(line ?? '')![1]!;
  const csv = [
    header,
    `novel-coronavirus,,,WHO,2020-03-01,,,${question(first)},,,A new coronavirus.`,
    ',,,,,,,,,,',
    `disease-name,,,WHO,2020-02-11,,,${question(second)},,,COVID-19.`,
    `late-entry,,,WHO,2020-3-1,,,Q?,,,A.`,
    ',,,,,,,,,,',
    ',,,,,,,,,,',
    '',
  ].join('\r\n');
  const { rows, problems } = parseFaqFile(csv, 'csv');
  expect(problems.map(formatProblem)).toEqual(['row 5 (id "late-entry"): field reviewed: a date as YYYY-MM-DD']);
  expect(rows.map((r) => [r.row, r.content.id, r.content.questions.en])).toEqual([
    [2, 'novel-coronavirus', ['What is a novel coronavirus?']],
    [4, 'disease-name', ['Why is the disease being called coronavirus disease 2019, COVID-19?']],
  ]);
});
