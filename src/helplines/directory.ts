/**
 * The helpline directory: ambulance, emergency, COVID and counselling numbers per
 * region, read from config/helplines.yaml (each number cites its source there).
 */
import { readYamlFile } from '../yaml-file';
import { z } from 'zod';

const phone = z.string().regex(/^[0-9+][0-9 -]{1,20}$/, 'a phone number such as "108" or "1800-599-0019"');
const messageKey = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a message key such as helplines.name.state_covid');

const regionSchema = z.strictObject({
  ambulance: phone,
  emergency: phone,
  lines: z.array(z.strictObject({ name: messageKey, number: phone })),
  /**
   * The line to talk to someone about how one feels; `also`: another number of the same service.
   * Left out where no line is known for certain (the Gulf countries): the card and the crisis
   * reply then give the emergency number alone, never a made-up or empty one.
   */
  counselling: z.strictObject({ name: messageKey, number: phone, also: phone.optional(), hours: z.string().min(1) }).optional(),
});

const regionId = z.string().regex(/^[a-z][a-z0-9_]*$/);

export const helplinesSchema = z
  .strictObject({
    regions: z.record(regionId, regionSchema),
    /** The regions whose lines a patient in crisis is given when their own is not known (src/crisis/). */
    crisis_regions_when_unknown: z.array(z.strictObject({ region: regionId, name: messageKey })).min(1),
  })
  .superRefine((d, ctx) => {
    d.crisis_regions_when_unknown.forEach((r, i) => {
      if (!Object.hasOwn(d.regions, r.region)) ctx.addIssue({ code: 'custom', path: ['crisis_regions_when_unknown', i, 'region'], message: `region "${r.region}" is not under regions` });
    });
  });

export type RegionHelplines = z.infer<typeof regionSchema>;
export type HelplineDirectory = z.infer<typeof helplinesSchema>;

export function loadHelplines(file: string): HelplineDirectory {
  const result = helplinesSchema.safeParse(readYamlFile(file));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`);
    throw new Error(problems.join('\n'));
  }
  return result.data;
}
