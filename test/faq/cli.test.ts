/**
 * `sahay faq import|export|match` on a SQLite file: all-or-nothing imports that
 * name the row and field of every problem, exports that import back unchanged,
 * and `match --json` printing what the bot would do.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../../src/config';
import { registerFaqCommands } from '../../src/faq/cli';
import { main } from '../../src/cli/main';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';

let dir: string;
let out: string[];
let err: string[];
let exitCode: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-faq-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function sahay(...args: string[]): Promise<number> {
  out = [];
  err = [];
  exitCode = 0;
  const program = new Command('sahay').exitOverride();
  registerFaqCommands(program, {
    config: () => loadConfig({ DATA_DIR: dir }),
    setExitCode: (c) => (exitCode = c),
    io: { out: (t) => void out.push(t), err: (l) => void err.push(l) },
    now: () => Date.UTC(2021, 4, 1),
  });
  await program.parseAsync(['node', 'sahay', ...args]);
  return exitCode;
}

async function storeSnapshot(): Promise<string> {
  const store = openSqliteStore({ file: join(dir, 'sahay.db') });
  try {
    return JSON.stringify({ entries: await store.faq.list(), revision: await store.faq.revision() });
  } finally {
    await store.close();
  }
}

const header = 'id,status,topics,source,reviewed,question_bn,question_hi,question_en,answer_bn,answer_hi,answer_en';

describe('sahay faq import', () => {
  it('adds new entries and new versions, is in the audit log, and changes nothing when run again', async () => {
    const file = join(dir, 'new.yaml');
    writeFileSync(
      file,
      [
        'entries:',
        '  - id: ration-help',
        '    status: draft',
        '    questions: { en: ["Where do I get free rations during isolation?"] }',
        '    answers: { en: "Ask your ward office or panchayat." }',
        '    source: State food department',
        '    reviewed: 2021-05-01',
        '  - id: masks-why',
        '    topics: [masks]',
        '    questions: { en: ["Do I need a mask?"], bn: ["মাস্ক লাগবে?", "mask lagbe"] }',
        '    answers: { en: "Yes, indoors with others.", bn: "হ্যাঁ, অন্যদের সাথে ঘরের ভেতরে।" }',
        '    source: WHO',
        '    reviewed: 2021-05-01',
        '',
      ].join('\n'),
    );
    expect(await sahay('faq', 'import', file)).toBe(0);
    expect(out.join('')).toMatch(/1 new, 1 updated, 0 unchanged \(1 published, 1 drafts\)/);

    const store = openSqliteStore({ file: join(dir, 'sahay.db') });
    const masks = await store.faq.get('masks-why');
    expect(masks?.latest).toMatchObject({ version: 2, note: 'import', actorId: null });
    expect(masks?.published?.version).toBe(2);
    expect(masks?.latest.content.answers.hi).toBeUndefined();
    expect((await store.faq.get('ration-help'))?.published).toBeNull();
    const audit = await store.audit.list({ limit: 5, action: 'faq.imported' });
    expect(audit).toEqual([expect.objectContaining({ actorId: null, details: expect.objectContaining({ via: 'cli', format: 'yaml', rows: 2, created: 1, updated: 1 }) })]);
    await store.close();

    expect(await sahay('faq', 'import', file)).toBe(0);
    expect(out.join('')).toMatch(/0 new, 0 updated, 2 unchanged/);
  });

  it('imports nothing when one row is bad, and names the row and field', async () => {
    await sahay('faq', 'export'); // seeds the starter set
    const before = await storeSnapshot();
    const file = join(dir, 'edit.csv');
    writeFileSync(
      file,
      [
        header,
        'masks-why,,masks,WHO,2021-05-01,,,Should I wear a mask?,,,Yes.',
        'new-entry,,,WHO,2021-05-01,নতুন প্রশ্ন?,,,,,',
        'other-new,,,WHO,2021-05-01,,,A question?,,,An answer.',
      ].join('\r\n'),
    );
    expect(await sahay('faq', 'import', file)).toBe(1);
    expect(err).toEqual([`${file}: row 3 (id "new-entry"): field answers: needs an answer in at least one language (bn, hi or en)`, '1 problem: nothing was imported']);
    expect(await storeSnapshot()).toBe(before);
  });

  it('checks a file without storing it, and exits 2 for a file it cannot read or name', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify([{ id: 'x-entry', questions: { hi: ['सवाल?'] }, answers: { hi: 'जवाब।' }, source: 'test', reviewed: '2021-05-01' }]));
    expect(await sahay('faq', 'import', '--check', file)).toBe(0);
    expect(out.join('')).toMatch(/1 entry checked: no problems/);
    expect(await sahay('faq', 'import', join(dir, 'missing.yaml'))).toBe(2);
    expect(err[0]).toMatch(/file not found/);
    expect(await sahay('faq', 'import', join(dir, 'entries.txt'))).toBe(2);
  });
});

describe('sahay faq export', () => {
  it.each(['yaml', 'json', 'csv'])('writes every entry as %s, and importing it back changes nothing', async (format) => {
    const file = join(dir, `all.${format}`);
    expect(await sahay('faq', 'export', '--out', file)).toBe(0);
    expect(err[0]).toMatch(/^\d+ entries written to /);
    const before = await storeSnapshot();
    expect(await sahay('faq', 'import', file)).toBe(0);
    expect(out.join('')).toMatch(/0 new, 0 updated, \d+ unchanged/);
    expect(await storeSnapshot()).toBe(before);
  });

  it('guards CSV cells a spreadsheet would run as formulas, and importing the export back changes nothing', async () => {
    const file = join(dir, 'risky.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: 'helpline-call',
          questions: { en: ['-which number do I call?'], hi: ['किस नंबर पर फ़ोन करें?'] },
          answers: { en: '+91 1075 is the national helpline.', hi: '- आराम करें\n- पानी पिएँ' },
          source: '=HYPERLINK("http://example.com","MoHFW")',
          reviewed: '2021-05-01',
        },
        {
          id: 'long-covid-name',
          questions: { en: ['@doctor what is long covid?'], bn: ['long covid ki?'] },
          answers: { en: "'Long COVID' is a name for symptoms that last.", bn: "'=' চিহ্নটি সূত্র নয়" },
          source: 'WHO',
          reviewed: '2021-05-01',
        },
      ]),
    );
    expect(await sahay('faq', 'import', file)).toBe(0);
    const csv = join(dir, 'all.csv');
    expect(await sahay('faq', 'export', '--out', csv)).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text).toContain(`'+91 1075 is the national helpline.`);
    expect(text).toContain(`"'=HYPERLINK(""http://example.com"",""MoHFW"")"`);
    expect(text).toContain(`"'- आराम करें`);
    // A real leading apostrophe stays as it is, unless a formula follows it: then it gets the guard's too.
    expect(text).toContain(`,'Long COVID' is a name for symptoms that last.\r\n`);
    expect(text).toContain(`,''=' চিহ্নটি সূত্র নয়,`);

    const before = await storeSnapshot();
    expect(await sahay('faq', 'import', csv)).toBe(0);
    expect(out.join('')).toMatch(/0 new, 0 updated, \d+ unchanged/);
    expect(await storeSnapshot()).toBe(before);
  });

  it('refuses an unknown format or file extension with exit 2, as import does, and writes nothing', async () => {
    expect(await sahay('faq', 'export', '--format', 'xml')).toBe(2);
    expect([out, err]).toEqual([[], ['--format must be yaml, json or csv, not "xml"']]);
    const txt = join(dir, 'faq.txt');
    expect(await sahay('faq', 'export', '--out', txt)).toBe(2);
    expect(err).toEqual([`${txt}: cannot tell the format: name the file .yaml, .json or .csv, or give --format yaml|json|csv`]);
    expect(existsSync(txt)).toBe(false);
    // An explicit format may go into any file name; with neither, YAML on stdout.
    expect(await sahay('faq', 'export', '--out', txt, '--format', 'csv')).toBe(0);
    expect(readFileSync(txt, "utf8")).toMatch(/^\ufeffid,status,/);
    expect(await sahay('faq', 'export')).toBe(0);
    expect(out.join('')).toMatch(/^entries:/m);
  });
});

describe('sahay faq match', () => {
  it('prints the ranked ids and scores as JSON — what the bot would do', async () => {
    expect(await sahay('faq', 'match', 'koto din isolation e thakte hobe', '--lang', 'bn', '--json')).toBe(0);
    const r = JSON.parse(out.join(''));
    expect(r).toMatchObject({ question: 'koto din isolation e thakte hobe', lang: 'bn', outcome: 'answer' });
    expect(r.candidates[0]).toEqual({ id: 'isolation-how-long', score: expect.any(Number), confidence: expect.any(Number), title: 'কত দিন আইসোলেশনে থাকতে হবে?', hasAnswer: true });
    expect(r.candidates.length).toBeGreaterThan(1);
  });

  it('prints a short table, and refuses an unknown language', async () => {
    expect(await sahay('faq', 'match', 'vaccine')).toBe(0);
    expect(out[0]).toBe('choose\n');
    expect(out[1]).toMatch(/^ {2}0\.\d\d {2}vaccine-/);
    expect(await sahay('faq', 'match', 'vaccine', '--lang', 'fr')).toBe(1);
    expect(err).toEqual(['--lang must be bn, hi or en, not "fr"']);
  });

  it('is wired into the sahay command', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    // The command names its database on stderr.
    const said = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const saved = process.env.DATA_DIR;
    process.env.DATA_DIR = dir;
    try {
      expect(await main(['node', 'sahay', 'faq', 'match', 'oxygen 92', '--json'])).toBe(0);
      const printed = JSON.parse(String(write.mock.calls[0]?.[0]));
      expect(printed.outcome).toBe('answer');
      expect(printed.candidates[0].id).toBe('oxygen-level');
      expect(said).toHaveBeenCalledWith(`Database: ${join(dir, 'sahay.db')}`);
    } finally {
      write.mockRestore();
      said.mockRestore();
      if (saved === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = saved;
    }
  });
});
