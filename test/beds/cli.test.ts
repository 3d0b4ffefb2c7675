/**
 * `sahay beds ...` in-process (commander), on a SQLite file in a temp folder.
 */
import { Command } from 'commander';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerBedsCommands } from '../../src/beds/cli';
import { loadConfig } from '../../src/config';
import { projectRoot } from '../../src/paths';

const FIXTURES = join(projectRoot, 'test/fixtures/beds');
const MAPPING = join(projectRoot, 'config/beds/mappings/covidbedsindia.yaml');
const NOW = Date.UTC(2021, 4, 1, 10);

let dir: string;
let config: ReturnType<typeof loadConfig>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-beds-cli-'));
  config = loadConfig({ DATA_DIR: dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function sahay(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const program = new Command('sahay').exitOverride();
  registerBedsCommands(program, {
    config: () => config,
    setExitCode: (c) => (code = c),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => NOW,
  });
  await program.parseAsync(['node', 'sahay', ...args]);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('sahay beds import', () => {
  it('imports with a mapping and says what it did', async () => {
    const r = await sahay('beds', 'import', join(FIXTURES, 'chhattisgarh-raipur.csv'), '--mapping', MAPPING);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('10 records read; 10 hospitals added, 0 updated.');
    const again = await sahay('beds', 'import', join(FIXTURES, 'chhattisgarh-raipur.csv'), '--mapping', MAPPING);
    expect(again.out).toContain('0 hospitals added, 10 updated.');
  });

  it('a file with errors: each by line and field with its value, nothing imported, exit 1; --partial imports the rest', async () => {
    const file = join(dir, 'feed.csv');
    writeFileSync(file, 'name,district,oxygen_vacant,updated_at\nGood,Kolkata,3,2021-05-01T08:00:00Z\nBad,Kolkata,three,2021-05-01T08:00:00Z\n');
    const r = await sahay('beds', 'import', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('  error: line 3, oxygen_vacant: not a whole number of beds (0 or more): "three"');
    expect(r.err).toContain('nothing imported: 1 problem(s)');
    expect((await sahay('beds', 'list')).out).toBe('');
    const p = await sahay('beds', 'import', file, '--partial');
    expect(p.code).toBe(0);
    expect(p.out).toContain('1 hospitals added, 0 updated; 1 unreadable records skipped (--partial).');
  });

  it('a bad mapping or a missing file: one line each, exit 1', async () => {
    const mapping = join(dir, 'm.yaml');
    writeFileSync(mapping, 'fields: { district: d }\nbeds: { oxygn: { vacant: v } }\n');
    const r = await sahay('beds', 'import', join(FIXTURES, 'chhattisgarh-raipur.csv'), '--mapping', mapping);
    expect(r.code).toBe(1);
    expect(r.err).toContain('beds.oxygn: not a bed kind');
    const missing = await sahay('beds', 'import', join(dir, 'nope.csv'));
    expect(missing).toMatchObject({ code: 1, err: `${join(dir, 'nope.csv')}: no such file` });
  });
});

describe('sahay beds find', () => {
  beforeEach(async () => {
    await sahay('beds', 'import', join(FIXTURES, 'chhattisgarh-raipur.csv'), '--mapping', MAPPING);
    await sahay('beds', 'import', join(FIXTURES, 'pune-slice.csv'), '--mapping', MAPPING);
  });

  it('prints the answer the bot gives, in the language asked', async () => {
    const en = await sahay('beds', 'find', '--district', 'raipur', '--kind', 'oxygen');
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^🏥 Free oxygen beds in Raipur:\n\n1\. AIIMS, Raipur\n {3}✅ 61 free\n {3}☎️ 7647070612\n {3}🕒 updated 4 h ago/);
    const hi = await sahay('beds', 'find', '--pincode', '411005', '--lang', 'hi');
    expect(hi.out).toContain('🏥 पिन 411005 के पास खाली बेड:');
    const bn = await sahay('beds', 'find', '--near', '21.25,81.63', '--kind', 'ventilator', '--lang', 'bn');
    expect(bn.out).toContain('🏥 আপনার কাছে (25 কিমির মধ্যে) খালি ভেন্টিলেটর বেড:');
    // AIIMS, 5.4 km away; not Kanwar Nursing Home, 3.6 km away, whose every bed and ICU bed is taken
    // (its "1 free ventilator" is a machine with no bed to put it in).
    expect(bn.out).toMatch(/^🏥 [^\n]+\n\n1\. AIIMS, Raipur\n[^\n]+\n {3}📍 5\.4 কিমি দূরে/);
    expect(bn.out).not.toMatch(/kanwar/i);
  });

  it('--json gives the answer as data', async () => {
    const r = await sahay('beds', 'find', '--district', 'रायपुर', '--kind', 'icu', '--json');
    const answer = JSON.parse(r.out) as { kind: string; area: { type: string }; results: Array<{ id: string; vacant: number }> };
    expect(answer.kind).toBe('icu');
    expect(answer.area.type).toBe('place');
    expect(answer.results[0]).toMatchObject({ id: 'chhattisgarh.raipur.sarvodaya-hospital-p-51-dubey-colony', vacant: 10 });
  });

  it('says what it did not understand, as the bot does', async () => {
    expect(await sahay('beds', 'find', '--district', 'Atlantis')).toMatchObject({ code: 1, out: expect.stringContaining('I don\'t know the place “Atlantis”') });
    // A place the data does not cover is not "unknown": no bed data there, and its helplines.
    expect(await sahay('beds', 'find', '--district', 'dhaka')).toMatchObject({ code: 1, out: '😔 I have no hospital bed data for Dhaka.\n\nFor help: ☎️ National call centre: 333 · 🚑 Ambulance: 999' });
    expect((await sahay('beds', 'find', '--pincode', '12')).code).toBe(1);
    expect((await sahay('beds', 'find', '--district', 'pune', '--pincode', '411005')).err).toBe('give exactly one of --district, --pincode or --near');
    expect((await sahay('beds', 'find', '--district', 'pune', '--kind', 'oxygn')).err).toMatch(/^--kind must be any or one of: general, oxygen/);
    expect((await sahay('beds', 'find', '--near', 'kolkata')).err).toMatch(/^--near must be/);
  });

  it('refuses an unknown --sex rather than searching both sexes', async () => {
    expect(await sahay('beds', 'find', '--district', 'pune', '--sex', 'femal')).toEqual({ code: 1, out: '', err: '--sex must be male or female, not "femal"' });
    expect((await sahay('beds', 'find', '--district', 'pune', '--sex', 'female')).code).toBe(0);
  });
});

describe('sahay beds token / list', () => {
  it('issues a token once, and revokes it', async () => {
    await sahay('beds', 'import', join(FIXTURES, 'chhattisgarh-raipur.csv'), '--mapping', MAPPING);
    const list = await sahay('beds', 'list', '--text', 'aiims');
    expect(list.out).toBe('chhattisgarh.raipur.aiims-raipur\tAIIMS, Raipur\tRaipur');
    const issued = await sahay('beds', 'token', 'issue', 'chhattisgarh.raipur.aiims-raipur');
    expect(issued.out).toMatch(/^sahay_desk_\S{43}$/);
    expect(issued.err).toContain('not shown again');
    expect((await sahay('beds', 'token', 'revoke', 'chhattisgarh.raipur.aiims-raipur')).out).toBe('desk token of chhattisgarh.raipur.aiims-raipur revoked');
    expect(await sahay('beds', 'token', 'issue', 'nope')).toMatchObject({ code: 1, err: 'no hospital with id nope (see sahay beds list)' });
  });

  it('refresh and sources with none configured', async () => {
    expect((await sahay('beds', 'refresh')).out).toBe('no sources configured (config/beds/sources.yaml)');
    expect(await sahay('beds', 'refresh', 'wb')).toMatchObject({ code: 1, err: 'no source wb in config/beds/sources.yaml' });
    expect((await sahay('beds', 'sources')).out).toBe('');
  });
});
