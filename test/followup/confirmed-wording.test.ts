/**
 * The follow-up confirmation is said after the patient chose a slot (9 am, say): "at this time"
 * ("इसी समय", "এই সময়ে") reads as now, so the text names the time they chose ({{when}}, the
 * slot's hour: confirmation-names-the-time.test.ts), never "this time".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';

const offer = (lang: string): { confirmed: string; confirmed_no_zone: string } =>
  (JSON.parse(readFileSync(join(projectRoot, 'locales', lang, 'followup.json'), 'utf8')) as { offer: { confirmed: string; confirmed_no_zone: string } }).offer;

it.each([
  ['hi', 'इसी समय'],
  ['bn', 'এই সময়ে'],
  ['en', 'at this time'],
])('%s: the chosen time, not now ("%s")', (lang, now) => {
  for (const text of [offer(lang).confirmed, offer(lang).confirmed_no_zone]) {
    expect(text).toContain('{{when}}');
    expect(text).not.toContain(now);
  }
});
