/** config/followup.yaml → FollowupConfig (zod at the edge; plain types inside). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { validate as validCron } from 'node-cron';
import { readYamlFile } from '../yaml-file';
import { z } from 'zod';
import type { CheckinSlot } from '../storage/repositories';
import { SLOTS } from './slots';

export interface FollowupConfig {
  days: number;
  /** Minutes after local midnight. */
  slots: Record<CheckinSlot, number>;
  /** The slot for a patient to whom any time is fine (src/followup/slot-for-time.ts). */
  anyTime: CheckinSlot;
  wakingHours: { from: number; to: number };
  missedAfterMs: number;
  missedInARowForCall: number;
  claimLeaseMs: number;
  cron: string;
  timeZones: Record<string, string>;
  defaultTimeZone: string;
  /** Days without fever that end isolation: a fever reading keeps the check-ins going this many days after it. */
  feverFreeDays: number;
  /** The most check-ins one enrolment gets by those extensions (operators may still extend). */
  maxDays: number;
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const zone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown IANA time zone');

const fileSchema = z.object({
  days: z.number().int().min(1).max(60),
  slots: z.object({ morning: hhmm, afternoon: hhmm, evening: hhmm }),
  // A file written before the key existed keeps working: the morning, as shipped.
  any_time: z.enum(SLOTS).default('morning'),
  waking_hours: z.object({ from: hhmm, to: hhmm }),
  missed_after_hours: z.number().min(1).max(23),
  missed_in_a_row_for_call: z.number().int().min(1).max(10),
  claim_lease_minutes: z.number().min(1).max(60),
  // Checked here, not left to node-cron: it throws at `sahay start`, after the server
  // listens, with a message that names neither this file nor the field.
  cron: z.string().refine((c) => validCron(c), 'a cron expression such as "* * * * *"'),
  time_zones: z.record(z.string(), zone),
  default_time_zone: zone,
  fever_free_days: z.number().int().min(1).max(14),
  max_days: z.number().int().min(1).max(60),
});

const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export function loadFollowupConfig(configDir: string, problems: string[]): FollowupConfig | undefined {
  const file = join(configDir, 'followup.yaml');
  if (!existsSync(file)) {
    problems.push(`${file}: not found`);
    return undefined;
  }
  let data: unknown;
  try {
    data = readYamlFile(file);
  } catch (err) {
    problems.push(`${file}: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
  const r = fileSchema.safeParse(data);
  if (!r.success) {
    for (const issue of r.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
    return undefined;
  }
  const f = r.data;
  const wakingHours = { from: minutes(f.waking_hours.from), to: minutes(f.waking_hours.to) };
  if (wakingHours.from >= wakingHours.to) problems.push(`${file}: waking_hours: from must be before to`);
  if (f.max_days < f.days) problems.push(`${file}: max_days: must be at least days (${f.days})`);
  for (const [slot, at] of Object.entries(f.slots)) {
    const m = minutes(at);
    if (m < wakingHours.from || m > wakingHours.to) problems.push(`${file}: slots.${slot}: ${at} is outside waking_hours`);
  }
  return {
    days: f.days,
    slots: { morning: minutes(f.slots.morning), afternoon: minutes(f.slots.afternoon), evening: minutes(f.slots.evening) },
    anyTime: f.any_time,
    wakingHours,
    missedAfterMs: f.missed_after_hours * 3_600_000,
    missedInARowForCall: f.missed_in_a_row_for_call,
    claimLeaseMs: f.claim_lease_minutes * 60_000,
    cron: f.cron,
    timeZones: f.time_zones,
    defaultTimeZone: f.default_time_zone,
    feverFreeDays: f.fever_free_days,
    maxDays: f.max_days,
  };
}
