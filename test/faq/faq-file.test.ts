/**
 * FAQ files (import, export, the starter set): YAML, JSON and CSV mean the same
 * thing, every problem names its row and field, and an export reads back unchanged.
 */
import { parseCsv } from '../../src/beds/csv';
import { writeFaqFile } from '../../src/faq/faq-export';
import { formatOf, formatProblem, guardFormula, parseFaqFile, unguardFormula } from '../../src/faq/faq-file';

const entry = {
  id: 'isolation-how-long',
  status: 'published',
  topics: ['isolation'],
  questions: { en: ['How long should I isolate?'], bn: ['কত দিন আইসোলেশনে থাকব?', 'koto din isolation'], hi: ['कितने दिन आइसोलेशन में रहना है?'] },
  answers: { en: 'At least 7 days.', bn: 'অন্তত ৭ দিন।', hi: 'कम से कम 7 दिन।' },
  source: 'MoHFW home isolation guidelines (5 January 2022)',
  reviewed: '2022-01-10',
};

describe('YAML and JSON', () => {
  it('reads a list under entries:, NFC-normalised and trimmed, with status', () => {
    const yaml = `entries:\n  - id: masks-why\n    status: draft\n    topics: [masks]\n    questions: { en: ["  Should I wear a mask?  "] }\n    answers: { en: "Yes." }\n    source: WHO\n    reviewed: 2021-05-01\n`;
    const { rows, problems } = parseFaqFile(yaml, 'yaml');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 1, publish: false, content: { id: 'masks-why', topics: ['masks'], questions: { en: ['Should I wear a mask?'] }, answers: { en: 'Yes.' }, source: 'WHO', reviewed: '2021-05-01' } },
    ]);
  });

  it('reads a bare list in JSON; status defaults to published; a missing language is simply absent', () => {
    const { rows, problems } = parseFaqFile(JSON.stringify([{ ...entry, status: undefined, answers: { en: 'x' }, questions: { en: ['q?'] } }]), 'json');
    expect(problems).toEqual([]);
    expect(rows[0]?.publish).toBe(true);
    expect(rows[0]?.content.answers).toEqual({ en: 'x' });
    expect(Object.keys(rows[0]!.content.questions)).toEqual(['en']);
  });

  it('names row, YAML line, id and field for every problem, and keeps no row of a file with problems', () => {
    const yaml = [
      'entries:',
      '  - id: good-entry',
      '    questions: { en: ["q?"] }',
      '    answers: { en: "a" }',
      '    source: WHO',
      '    reviewed: 2021-05-01',
      '  - id: Bad Id',
      '    questions: { hi: ["सवाल?"] }',
      '    answers: { hi: "" }',
      '    source: WHO',
      '    reviewed: 2021-02-30',
      '    colour: red',
      '  - id: no-question',
      '    answers: { bn: "উত্তর" }',
      '    source: WHO',
      '    reviewed: 2021-05-01',
      '    status: live',
      '',
    ].join('\n');
    const { problems } = parseFaqFile(yaml, 'yaml');
    const lines = problems.map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^row 2, line 7 \(id "Bad Id"\): field id: lower-case letters/),
        expect.stringMatching(/^row 2, line 7 \(id "Bad Id"\): field answers\.hi: must not be empty/),
        expect.stringMatching(/^row 2, line 7 \(id "Bad Id"\): field reviewed: not a real date/),
        expect.stringMatching(/^row 2, line 7 \(id "Bad Id"\): unknown field colour/),
        expect.stringMatching(/^row 3, line 13 \(id "no-question"\): field status: must be "published" or "draft"/),
        expect.stringMatching(/^row 3, line 13 \(id "no-question"\): field questions\.bn: needs at least one example question in bn/),
      ]),
    );
    expect(lines.some((l) => l.startsWith('row 1'))).toBe(false);
  });

  it('refuses an entry with no answer at all, and two rows with the same id', () => {
    const { problems } = parseFaqFile(JSON.stringify([{ ...entry, answers: {} }, entry, entry]), 'json');
    expect(problems.map(formatProblem)).toEqual([
      'row 1 (id "isolation-how-long"): field answers: needs an answer in at least one language (bn, hi or en)',
      'row 3 (id "isolation-how-long"): field id: the same id as row 2',
    ]);
  });

  it('reports YAML syntax errors with their line, and a file that is not a list', () => {
    expect(parseFaqFile('entries:\n  - id: a\n   bad: [', 'yaml').problems[0]).toMatchObject({ line: expect.any(Number), message: expect.stringMatching(/^YAML: /) });
    expect(parseFaqFile('{"id": "x"}', 'json').problems.map(formatProblem)).toEqual(['expected a list of entries, or a mapping with "entries:" holding the list']);
    expect(parseFaqFile('{', 'json').problems[0]?.message).toMatch(/^not valid JSON/);
  });

  it('reports an alias used before its anchor with its line, rather than throwing', () => {
    const yaml = 'entries:\n  - id: a\n    source: *mohfw\n  - id: b\n    source: &mohfw MoHFW\n';
    expect(parseFaqFile(yaml, 'yaml')).toEqual({ rows: [], problems: [{ line: 3, message: 'YAML: Unresolved alias (the anchor must be set before the alias): mohfw' }] });
  });
});

describe('CSV', () => {
  const header = 'id,status,topics,source,reviewed,question_bn,question_hi,question_en,answer_bn,answer_hi,answer_en';

  it('reads one row per entry, questions split by line breaks or " | ", topics by spaces or ";"', () => {
    const csv = `\ufeff${header}\r\nisolation-how-long,,isolation;home-care,MoHFW,2022-01-10,"কত দিন?\nkoto din",कितने दिन? | kitne din,How long?,৭ দিন।,7 दिन।,7 days.\r\n`;
    const { rows, problems } = parseFaqFile(csv, 'csv');
    expect(problems).toEqual([]);
    expect(rows[0]).toEqual({
      row: 2,
      publish: true,
      content: {
        id: 'isolation-how-long',
        topics: ['isolation', 'home-care'],
        questions: { bn: ['কত দিন?', 'koto din'], hi: ['कितने दिन?', 'kitne din'], en: ['How long?'] },
        answers: { bn: '৭ দিন।', hi: '7 दिन।', en: '7 days.' },
        source: 'MoHFW',
        reviewed: '2022-01-10',
      },
    });
  });

  it('names the spreadsheet row (the header is row 1) and the column', () => {
    const csv = [header, 'ok-entry,,,WHO,2021-05-01,,,Q?,,,A.', 'bad-entry,draft,,WHO,2021-5-1,প্রশ্ন?,,,,,A.', 'x,,,,2021-05-01,,,Q?,,,A.,extra'].join('\n');
    expect(parseFaqFile(csv, 'csv').problems.map(formatProblem)).toEqual([
      'row 3 (id "bad-entry"): field reviewed: a date as YYYY-MM-DD',
      'row 3 (id "bad-entry"): field question_en: needs at least one example question in en, as its answer is in en',
      'row 4 (id "x"): 1 more cell(s) than the header has columns',
    ]);
  });

  it("names the spreadsheet's row after a cell of several questions (one per line), and the file's line", () => {
    const csv = [header, 'masks,,,WHO,2021-05-01,,,"Should I wear a mask?\nWhich mask?",,,Yes.', 'second,,,WHO,2021-5-1,,,Q?,,,A.'].join('\n');
    expect(parseFaqFile(csv, 'csv').problems.map(formatProblem)).toEqual(['row 3, line 4 (id "second"): field reviewed: a date as YYYY-MM-DD']);
  });

  it('refuses unknown or missing columns before reading any row', () => {
    expect(parseFaqFile('id,answer_fr\nx,y\n', 'csv').problems.map(formatProblem)).toEqual([
      'row 1: field answer_fr: unknown column (the columns are id, status, topics, source, reviewed, question_bn, question_hi, question_en, answer_bn, answer_hi, answer_en)',
      'row 1: field source: required column is missing',
      'row 1: field reviewed: required column is missing',
    ]);
  });

  it('refuses a column named twice, rather than reading only its first cells', () => {
    const csv = 'id,source,reviewed,question_en,answer_en,answer_en\nsteroids,MoHFW,2022-01-10,Should I take steroids?,OLD answer,NEW corrected answer\n';
    expect(parseFaqFile(csv, 'csv')).toEqual({ rows: [], problems: [{ row: 1, field: 'answer_en', message: 'this column is in the header more than once' }] });
  });
});

describe('export', () => {
  const rows = parseFaqFile(JSON.stringify([entry, { ...entry, id: 'second', status: 'draft', answers: { hi: 'जवाब, "उद्धरण" सहित' }, questions: { hi: ['सवाल?', 'दूसरा'] } }]), 'json').rows;

  it.each(['yaml', 'json', 'csv'] as const)('writes %s that reads back to the same rows', (format) => {
    const back = parseFaqFile(writeFaqFile(rows, format), format);
    expect(back.problems).toEqual([]);
    expect(back.rows.map((r) => [r.content, r.publish])).toEqual(rows.map((r) => [r.content, r.publish]));
  });

  it('keeps a question holding " | " one question through CSV, alone or among others', () => {
    const pipe = 'Oxygen bed | ventilator bed: what is the difference?';
    const withPipes = parseFaqFile(
      JSON.stringify([
        { ...entry, id: 'alone', questions: { en: [pipe], hi: ['ऑक्सीजन बेड | वेंटिलेटर बेड?'] }, answers: { en: 'A.', hi: 'A.' } },
        { ...entry, id: 'among-others', questions: { en: [pipe, 'Which bed do I need?'] }, answers: { en: 'A.' } },
      ]),
      'json',
    ).rows;
    const csv = writeFaqFile(withPipes, 'csv');
    const back = parseFaqFile(csv, 'csv');
    expect(back.problems).toEqual([]);
    expect(back.rows.map((r) => r.content.questions)).toEqual([
      { en: [pipe], hi: ['ऑक्सीजन बेड | वेंटिलेटर बेड?'] },
      { en: [pipe, 'Which bed do I need?'] },
    ]);
    // A hand-typed one-line cell still holds several questions separated by " | ".
    const typed = parseFaqFile(`id,source,reviewed,question_en,answer_en\nbeds,WHO,2021-05-01,Oxygen bed? | Ventilator bed?,A.\n`, 'csv');
    expect(typed.rows[0]?.content.questions).toEqual({ en: ['Oxygen bed?', 'Ventilator bed?'] });
  });

  describe('the formula guard', () => {
    /** Text a spreadsheet would run, and text that only looks like the guard. */
    const risky = parseFaqFile(
      JSON.stringify([
        {
          ...entry,
          id: 'formula-answers',
          topics: ['help'],
          questions: { en: ['-fever for 3 days?', '=what now?'], hi: ['@ghar pe kya karein?'], bn: ["'jor' hole ki korbo?"] },
          answers: {
            en: '=HYPERLINK("http://example.com/x","Click for your report")',
            hi: '- आराम करें\n- पानी पिएँ\n- बुखार हो तो डॉक्टर से बात करें',
            bn: '+91 98300 00000 নম্বরে ফোন করুন।',
          },
          source: "=cmd|' /C calc'!A0",
        },
        { ...entry, id: 'real-apostrophes', answers: { en: "'Long COVID' is what doctors call symptoms that last.", hi: "'=not a formula' — quoted text", bn: "''+ two apostrophes and a plus" } },
      ]),
      'json',
    ).rows;

    it('writes no CSV cell that a spreadsheet would run as a formula', () => {
      const csv = writeFaqFile(risky, 'csv');
      const cells = parseCsv(csv).rows.flatMap((r) => r.fields);
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
      const [first, second] = parseCsv(csv).rows.map((r) => r.fields);
      expect(first).toEqual(expect.arrayContaining([`'=HYPERLINK("http://example.com/x","Click for your report")`, "'+91 98300 00000 নম্বরে ফোন করুন।", "'=cmd|' /C calc'!A0", "'-fever for 3 days?\n=what now?"]));
      // A real leading apostrophe is text, not a guard: left alone unless a formula follows it.
      expect(second).toEqual(expect.arrayContaining(["'Long COVID' is what doctors call symptoms that last.", "''=not a formula' — quoted text", "'''+ two apostrophes and a plus"]));
    });

    it('reads an exported CSV back exactly: only the apostrophe the export added comes off', () => {
      const back = parseFaqFile(writeFaqFile(risky, 'csv'), 'csv');
      expect(back.problems).toEqual([]);
      expect(back.rows.map((r) => r.content)).toEqual(risky.map((r) => r.content));
    });

    it('undoes exactly what it does, for tabs and carriage returns too, and leaves a hand-typed apostrophe alone', () => {
      for (const text of ['=1+1', '+91', '-', '@x', '\t=1', '\r=1', "'", "'x", "'=x", "''=x", "'''", 'plain', '']) {
        expect([text, unguardFormula(guardFormula(text))]).toEqual([text, text]);
      }
      expect([guardFormula('\t=1'), guardFormula('\r=1'), guardFormula("'x")]).toEqual(["'\t=1", "'\r=1", "'x"]);
      const typed = parseFaqFile(`id,source,reviewed,question_en,answer_en\nquotes,WHO,2021-05-01,Q?,'Corona' is a virus.\n`, 'csv');
      expect(typed.rows[0]?.content.answers.en).toBe("'Corona' is a virus.");
    });
  });

  it('knows the format from the file name', () => {
    expect([formatOf('a.yaml'), formatOf('a.YML'), formatOf('a.json'), formatOf('a.csv'), formatOf('a.txt')]).toEqual(['yaml', 'yaml', 'json', 'csv', undefined]);
  });
});
