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

it('gives Tele-MANAS 14416 as the counselling line everywhere in India', () => {
  for (const region of ['in_wb', 'in_ct', 'in_other']) expect([region, directory.regions[region]?.counselling]).toEqual([region, { number: '14416', hours: '24x7' }]);
});

it("repeats the directory's COVID lines in the starter FAQ's helplines answer, in every language", () => {
  const starter = parse(readFileSync(join(configDir, 'faq', 'starter.yaml'), 'utf8')) as { entries: Array<{ id: string; answers: Record<string, string> }> };
  const entry = starter.entries.find((e) => e.id === 'help-helplines')!;
  const numbers = Object.values(directory.regions).flatMap((r) => r.lines.map((l) => l.number));
  for (const lng of ['bn', 'hi', 'en']) for (const n of numbers) expect([lng, n, entry.answers[lng]?.includes(n)]).toEqual([lng, n, true]);
});
