/**
 * config/handoff.yaml: the queues people work (each with its desk's IANA time zone
 * and working hours), how a ticket finds its queue, when a wait is too long, how
 * waits are estimated, auto-assignment, and the canned replies operators may send.
 * Read once at start-up by src/config.ts; a bad file stops start-up with one line
 * per problem naming the field.
 *
 * ```yaml
 * queues:
 *   - id: probash-doctor
 *     kind: doctor
 *     name: handoff.queue.probash_doctor
 *     time_zone: Asia/Riyadh
 *     zone_name: handoff.zone.riyadh
 *     hours: [{ days: [sat, sun, mon, tue, wed, thu, fri], open: "09:00", close: "21:00" }]
 *     regions: [sa, bd]
 *     helpline_region: sa
 * ```
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readYamlFile } from '../yaml-file';
import { z } from 'zod';

export const QUEUE_KINDS = ['doctor', 'counsellor', 'general'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening window on the given days, in the queue's local time; close may be "24:00". */
export interface OpeningWindow {
  days: Weekday[];
  /** Minutes after local midnight. */
  open: number;
  close: number;
}

export interface QueueConfig {
  id: string;
  kind: QueueKind;
  /** Message key of the queue's name (locales/<lng>/handoff.json). */
  name: string;
  /** IANA time zone of the desk ("Asia/Riyadh"): working hours are in its local time. */
  timeZone: string;
  /** Message key naming that time for patients ("Riyadh time"). */
  zoneName: string;
  hours: OpeningWindow[];
  /** Patient regions (profile.region) this queue serves; none = the kind's default queue. */
  regions: string[];
  /** Helplines told out of hours when the patient's region is not known (config/helplines.yaml). */
  helplineRegion: string;
  /** Minutes a ticket may wait before it is flagged (else `sla.waiting_minutes`). */
  slaMinutes: number;
}

export interface HandoffConfig {
  queues: QueueConfig[];
  sla: {
    /** A waiting ticket older than this is flagged in the queue and counted on /metrics. */
    waitingMinutes: number;
    /** The same for emergencies. */
    emergencyWaitingMinutes: number;
  };
  estimate: {
    /** Minutes one conversation takes when there is no recent history to measure. */
    defaultHandlingMinutes: number;
    /** How far back closed tickets count for the handling time. */
    sampleHours: number;
  };
  /** A triage outcome older than this does not set a ticket's priority. */
  triageFreshHours: number;
  /**
   * A crisis (the patient wrote of suicide or self-harm: src/crisis/) younger than this makes a
   * request for a person urgent: the emergency priority, first in the queue.
   */
  crisisFreshHours: number;
  /** Two fallbacks ("not understood") within this many minutes hand the patient to a person. */
  fallbackWindowMinutes: number;
  autoAssign: { enabled: boolean; maxPerOperator: number };
  /** Ids of canned replies: their texts are `handoff.canned.<id>` in every language. */
  cannedReplies: string[];
  /** Days of the admins' statistics start at midnight in this time zone. */
  statsTimeZone: string;
  /** The live queue's heartbeat: below a proxy's idle timeout; also how often a signed-out stream is noticed. */
  heartbeatSeconds: number;
}

const key = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a message key such as handoff.queue.kolkata_doctor');
const clock = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time as HH:MM (24-hour, "24:00" for midnight at the end)');
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
const timeZone = z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Kolkata');

const windowSchema = z
  .strictObject({ days: z.array(z.enum(WEEKDAYS)).min(1), open: clock, close: clock })
  .refine((w) => minutesOf(w.open) < minutesOf(w.close) && minutesOf(w.close) <= 24 * 60, { message: 'open must be before close, within one day', path: ['close'] })
  .transform((w): OpeningWindow => ({ days: [...new Set(w.days)], open: minutesOf(w.open), close: minutesOf(w.close) }));

const queueSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a queue id: letters, digits, dash, underscore'),
  kind: z.enum(QUEUE_KINDS),
  name: key,
  time_zone: timeZone,
  zone_name: key,
  hours: z.array(windowSchema).min(1),
  regions: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).default([]),
  helpline_region: z.string().regex(/^[a-z][a-z0-9_]*$/),
  sla_minutes: z.number().int().min(1).max(24 * 60).optional(),
});

const fileSchema = z
  .strictObject({
    queues: z.array(queueSchema).min(1),
    sla: z.strictObject({ waiting_minutes: z.number().int().min(1).max(24 * 60), emergency_waiting_minutes: z.number().int().min(1).max(24 * 60) }),
    estimate: z.strictObject({ default_handling_minutes: z.number().int().min(1).max(600), sample_hours: z.number().int().min(1).max(24 * 30) }),
    triage_fresh_hours: z.number().int().min(1).max(24 * 14),
    crisis_fresh_hours: z.number().int().min(1).max(24 * 14),
    fallback_window_minutes: z.number().int().min(1).max(24 * 60),
    auto_assign: z.strictObject({ enabled: z.boolean(), max_per_operator: z.number().int().min(1).max(50) }),
    canned_replies: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).default([]),
    stats_time_zone: timeZone,
    live_queue: z.strictObject({ heartbeat_seconds: z.number().int().min(1).max(300) }),
  })
  .superRefine((f, ctx) => {
    const ids = new Set<string>();
    f.queues.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['queues', i, 'id'], message: `queue id "${q.id}" is used twice` });
      ids.add(q.id);
    });
    for (const kind of new Set(f.queues.map((q) => q.kind))) {
      if (!f.queues.some((q) => q.kind === kind && q.regions.length === 0)) {
        ctx.addIssue({ code: 'custom', path: ['queues'], message: `kind "${kind}" needs a default queue (one without regions)` });
      }
    }
    for (const kind of ['doctor', 'general'] as const) {
      if (!f.queues.some((q) => q.kind === kind)) ctx.addIssue({ code: 'custom', path: ['queues'], message: `a queue of kind "${kind}" is required` });
    }
  });

/** Read config/handoff.yaml; problems (file, field, message) are appended to `problems`. */
export function loadHandoffConfig(configDir: string, problems: string[], knownRegions?: ReadonlySet<string>): HandoffConfig | undefined {
  const file = join(configDir, 'handoff.yaml');
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
  const result = fileSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
    return undefined;
  }
  const f = result.data;
  if (knownRegions) {
    f.queues.forEach((q, i) => {
      for (const r of [...q.regions, q.helpline_region]) {
        if (!knownRegions.has(r)) problems.push(`${file}: queues.${i}: region "${r}" is not in config/helplines.yaml`);
      }
    });
  }
  return {
    queues: f.queues.map((q) => ({
      id: q.id,
      kind: q.kind,
      name: q.name,
      timeZone: q.time_zone,
      zoneName: q.zone_name,
      hours: q.hours,
      regions: q.regions,
      helplineRegion: q.helpline_region,
      slaMinutes: q.sla_minutes ?? f.sla.waiting_minutes,
    })),
    sla: { waitingMinutes: f.sla.waiting_minutes, emergencyWaitingMinutes: f.sla.emergency_waiting_minutes },
    estimate: { defaultHandlingMinutes: f.estimate.default_handling_minutes, sampleHours: f.estimate.sample_hours },
    triageFreshHours: f.triage_fresh_hours,
    crisisFreshHours: f.crisis_fresh_hours,
    fallbackWindowMinutes: f.fallback_window_minutes,
    autoAssign: { enabled: f.auto_assign.enabled, maxPerOperator: f.auto_assign.max_per_operator },
    cannedReplies: f.canned_replies,
    statsTimeZone: f.stats_time_zone,
    heartbeatSeconds: f.live_queue.heartbeat_seconds,
  };
}

/** Every message key the configuration names (a test checks each exists in bn, hi and en). */
export function handoffConfigKeys(config: HandoffConfig): string[] {
  return [...config.queues.flatMap((q) => [q.name, q.zoneName]), ...config.cannedReplies.map((id) => `handoff.canned.${id}`)];
}
