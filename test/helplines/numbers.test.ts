/**
 * The numbers a patient is told to dial: config/helplines.yaml (the "Helplines" card,
 * emergency advice, the hand-off's "meanwhile") and the starter FAQ's helplines answer,
 * which repeats them and must not drift from the directory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadHelplines } from '../../src/helplines/directory';
import { configDir } from '../../src/paths';

const directory = loadHelplines(join(configDir, 'helplines.yaml'));

it("gives West Bengal's integrated 24x7 COVID line as 1800-313-444-222 (not 1800-313-888-222)", () => {
  const state = directory.regions.in_wb?.lines.find((l) => l.name === 'helplines.name.state_covid');
  expect(state?.number).toBe('1800-313-444-222');
});

it('gives Tele-MANAS 14416 (or 1-800-891-4416) as the counselling line everywhere in India', () => {
  for (const region of ['in_wb', 'in_ct', 'in_other']) {
    expect([region, directory.regions[region]?.counselling]).toEqual([region, { name: 'helplines.name.tele_manas', number: '14416', also: '1-800-891-4416', hours: '24x7' }]);
  }
});

it("gives a patient in crisis Bangladesh's 999 and Shasthyo Batayon 16263, and Saudi Arabia's 911 and 997", () => {
  expect(directory.regions.bd).toMatchObject({ emergency: '999', counselling: { name: 'helplines.name.health_line', number: '16263' } });
  expect(directory.regions.sa).toMatchObject({ emergency: '911', ambulance: '997' });
  expect(directory.crisis_regions_when_unknown.map((r) => r.region)).toEqual(['in_other', 'bd']);
});

// The answer names India's, Bangladesh's and Saudi Arabia's lines; the other Gulf countries'
// (ae, qa, kw, om, bh) are not in it yet: adding them is the FAQ's owner's change.
const FAQ_REGIONS = ['in_wb', 'in_ct', 'in_other', 'bd', 'sa'];

it("repeats the directory's COVID lines in the starter FAQ's helplines answer, in every language", () => {
  const starter = parse(readFileSync(join(configDir, 'faq', 'starter.yaml'), 'utf8')) as { entries: Array<{ id: string; answers: Record<string, string> }> };
  const entry = starter.entries.find((e) => e.id === 'help-helplines')!;
  const numbers = FAQ_REGIONS.flatMap((r) => directory.regions[r]!.lines.map((l) => l.number));
  for (const lng of ['bn', 'hi', 'en']) for (const n of numbers) expect([lng, n, entry.answers[lng]?.includes(n)]).toEqual([lng, n, true]);
});
