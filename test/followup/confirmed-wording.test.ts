/**
 * The follow-up confirmation is said after the patient chose a slot (9 am, say): "at this time"
 * ("इसी समय", "এই সময়ে") reads as now, so the text says "at that time", the one they chose.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';

const confirmed = (lang: string): string =>
  (JSON.parse(readFileSync(join(projectRoot, 'locales', lang, 'followup.json'), 'utf8')) as { offer: { confirmed: string } }).offer.confirmed;

it.each([
  ['hi', 'उसी समय', 'इसी समय'],
  ['bn', 'সেই সময়ে', 'এই সময়ে'],
  ['en', 'at that time', 'at this time'],
])('%s: the chosen time ("%s"), not now ("%s")', (lang, chosen, now) => {
  expect(confirmed(lang)).toContain(chosen);
  expect(confirmed(lang)).not.toContain(now);
});
