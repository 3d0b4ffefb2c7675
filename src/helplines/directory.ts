/**
 * The helpline directory: ambulance, emergency, COVID and counselling numbers per
 * region, read from config/helplines.yaml (each number cites its source there).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const phone = z.string().regex(/^[0-9+][0-9 -]{1,20}$/, 'a phone number such as "108" or "1800-599-0019"');
const messageKey = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a message key such as helplines.name.state_covid');

const regionSchema = z.strictObject({
  ambulance: phone,
  emergency: phone,
  lines: z.array(z.strictObject({ name: messageKey, number: phone })),
  counselling: z.strictObject({ number: phone, hours: z.string().min(1) }),
});

export const helplinesSchema = z.strictObject({ regions: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), regionSchema) });

export type RegionHelplines = z.infer<typeof regionSchema>;
export type HelplineDirectory = z.infer<typeof helplinesSchema>;

export function loadHelplines(file: string): HelplineDirectory {
  const result = helplinesSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`);
    throw new Error(problems.join('\n'));
  }
  return result.data;
}
