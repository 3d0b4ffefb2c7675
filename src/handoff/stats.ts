/**
 * The admins' view of the hand-off: the queues now (length, longest wait, over SLA)
 * and, per day (midnight to midnight in `stats_time_zone`), tickets opened, how long
 * patients waited for a person, and how tickets ended (outcome, cancelled, rating).
 */
import type { Ticket, TicketOutcome } from '../storage/repositories';
import { isOverSla } from './queue-view';
import type { HandoffService } from './service';
import { median } from './wait-estimate';
import { localTime } from './working-hours';

export interface QueueNow {
  queue: string;
  waiting: number;
  assigned: number;
  overSla: number;
  emergencies: number;
  /** Minutes the longest-waiting ticket has waited; null when none waits. */
  longestWaitMinutes: number | null;
}

export interface DayStats {
  /** YYYY-MM-DD in the statistics' time zone. */
  date: string;
  opened: number;
  emergencies: number;
  /** Of the tickets opened that day: how many a person took, and the median and longest wait. */
  taken: number;
  medianWaitMinutes: number | null;
  longestWaitMinutes: number | null;
  /** Tickets closed that day, by outcome (cancelled_by_patient: the patient left). */
  outcomes: Partial<Record<TicketOutcome, number>>;
  ratings: number;
  averageRating: number | null;
}

export interface HandoffStats {
  timeZone: string;
  now: QueueNow[];
  days: DayStats[];
}

const MIN = 60_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

export async function handoffStats(svc: HandoffService, days: number, now: number): Promise<HandoffStats> {
  const tz = svc.config.statsTimeZone;
  // Enough to cover `days` local days whatever the zone's offset.
  const from = now - (days + 1) * 86_400_000;
  const [open, created, closed] = await Promise.all([
    svc.store.tickets.list({ states: ['waiting', 'assigned'] }),
    svc.store.tickets.list({ createdFrom: from }),
    svc.store.tickets.list({ states: ['closed'], closedFrom: from }),
  ]);

  const queues = svc.config.queues.map((q): QueueNow => {
    const mine = open.filter((t) => t.queue === q.id);
    const waiting = mine.filter((t) => t.state === 'waiting');
    const oldest = Math.min(...waiting.map((t) => t.createdAt));
    return {
      queue: q.id,
      waiting: waiting.length,
      assigned: mine.length - waiting.length,
      overSla: waiting.filter((t) => isOverSla(svc, t, now)).length,
      emergencies: waiting.filter((t) => t.emergency).length,
      longestWaitMinutes: waiting.length ? Math.floor((now - oldest) / MIN) : null,
    };
  });

  const dates: string[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const date = localTime(now - i * 86_400_000, tz).date;
    if (!dates.includes(date)) dates.push(date);
  }
  const dayOf = (at: number) => localTime(at, tz).date;
  const table = new Map(dates.map((date) => [date, { created: [] as Ticket[], closed: [] as Ticket[] }]));
  for (const t of created) table.get(dayOf(t.createdAt))?.created.push(t);
  for (const t of closed) if (t.closedAt !== null) table.get(dayOf(t.closedAt))?.closed.push(t);

  return {
    timeZone: tz,
    now: queues,
    days: dates.map((date): DayStats => {
      const day = table.get(date)!;
      const waits = day.created.filter((t) => t.firstAssignedAt !== null).map((t) => (t.firstAssignedAt! - t.createdAt) / MIN);
      const outcomes: Partial<Record<TicketOutcome, number>> = {};
      for (const t of day.closed) if (t.outcome) outcomes[t.outcome] = (outcomes[t.outcome] ?? 0) + 1;
      const rated = day.closed.filter((t) => t.rating !== null).map((t) => t.rating!);
      const m = median(waits);
      return {
        date,
        opened: day.created.length,
        emergencies: day.created.filter((t) => t.emergency).length,
        taken: waits.length,
        medianWaitMinutes: m === null ? null : round1(m),
        longestWaitMinutes: waits.length ? round1(Math.max(...waits)) : null,
        outcomes,
        ratings: rated.length,
        averageRating: rated.length ? round1(rated.reduce((a, b) => a + b, 0) / rated.length) : null,
      };
    }),
  };
}
