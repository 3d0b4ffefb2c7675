/**
 * What the console shows of tickets: the live queue as one operator sees it, and one
 * ticket with the whole conversation (the bot's part too), the triage summary, notes
 * and timeline. No phone numbers or platform ids: a patient is their channel, language
 * and region.
 *
 * The queue for an operator: emergencies first (flagged for whoever is free), then the
 * tickets of their queues in their languages, then the rest, each group in queue order
 * (priority, then the longest wait). A ticket waiting past its SLA is flagged.
 */
import type { Language } from '../engine/flow';
import { newSession, type Session } from '../engine/session';
import type { MediaType } from '../engine/input';
import type { Account, MessageRecord, Ticket, TicketEvent } from '../storage/repositories';
import { emergencyNumbers, EVERY_SERVED_COUNTRY } from '../helplines/emergency-numbers';
import { renderRef } from '../router/render';
import { regionOf } from './routing';
import type { HandoffService } from './service';

export interface QueueItem {
  id: string;
  queue: string;
  channel: string;
  language: Language;
  priority: number;
  emergency: boolean;
  reason: Ticket['reason'];
  triageLevel: string | null;
  state: Ticket['state'];
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: number;
  /** Minutes since the ticket was opened (waiting) or taken (assigned). */
  minutes: number;
  /** Waiting longer than its SLA: shown raised. */
  overSla: boolean;
  /** In one of the operator's queues and languages. */
  mine: boolean;
  withMe: boolean;
}

export function slaMinutesOf(svc: HandoffService, t: Pick<Ticket, 'queue' | 'emergency'>): number {
  if (t.emergency) return svc.config.sla.emergencyWaitingMinutes;
  return svc.queue(t.queue)?.slaMinutes ?? svc.config.sla.waitingMinutes;
}

export function isOverSla(svc: HandoffService, t: Pick<Ticket, 'queue' | 'emergency' | 'state' | 'createdAt'>, now: number): boolean {
  return t.state === 'waiting' && now - t.createdAt > slaMinutesOf(svc, t) * 60_000;
}

function serves(account: Pick<Account, 'queues' | 'languages'>, t: Pick<Ticket, 'queue' | 'language'>): boolean {
  return (account.queues.length === 0 || account.queues.includes(t.queue)) && (account.languages.length === 0 || account.languages.includes(t.language));
}

async function names(svc: HandoffService, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids)) {
    if (id === null) continue;
    const a = await svc.store.accounts.get(id);
    if (a) out.set(id, a.displayName);
  }
  return out;
}

function item(svc: HandoffService, t: Ticket, account: Account, now: number, who: Map<string, string>): QueueItem {
  const since = t.state === 'assigned' && t.assignedAt !== null ? t.assignedAt : t.createdAt;
  return {
    id: t.id,
    queue: t.queue,
    channel: t.channel,
    language: t.language,
    priority: t.priority,
    emergency: t.emergency,
    reason: t.reason,
    triageLevel: t.triage?.level ?? null,
    state: t.state,
    assigneeId: t.assigneeId,
    assigneeName: t.assigneeId ? (who.get(t.assigneeId) ?? null) : null,
    createdAt: t.createdAt,
    minutes: Math.max(0, Math.floor((now - since) / 60_000)),
    overSla: isOverSla(svc, t, now),
    mine: serves(account, t),
    withMe: t.assigneeId === account.id && t.state === 'assigned',
  };
}

export interface OperatorQueue {
  tickets: QueueItem[];
  waiting: number;
  overSla: number;
  operatorsOnline: number;
}

export async function operatorQueue(svc: HandoffService, account: Account, now: number): Promise<OperatorQueue> {
  const open = await svc.store.tickets.list({ states: ['waiting', 'assigned'] });
  const who = await names(svc, open.map((t) => t.assigneeId));
  const items = open.map((t) => item(svc, t, account, now, who));
  // Stable sort on top of the store's queue order.
  const rank = (i: QueueItem) => (i.withMe ? 0 : i.state === 'assigned' ? 4 : i.emergency ? 1 : i.mine ? 2 : 3);
  const tickets = items.map((i, n) => ({ i, n })).sort((a, b) => rank(a.i) - rank(b.i) || a.n - b.n).map((x) => x.i);
  const waiting = tickets.filter((t) => t.state === 'waiting');
  return { tickets, waiting: waiting.length, overSla: waiting.filter((t) => t.overSla).length, operatorsOnline: svc.presence.online().length };
}

export interface TranscriptLine {
  id: string;
  at: number;
  /** patient, bot, or a person (operator / doctor) of ours. */
  from: 'patient' | 'bot' | 'person';
  personName?: string;
  text: string;
  choices?: string[];
  /** A photo, document or voice note of the patient's: opened through GET /api/operator/tickets/:id/media/<line id>. */
  media?: { type: MediaType };
}

/** An inbound message as a line of text (a location, a photo, a contact card are described). */
export function describeInbound(m: MessageRecord): string {
  const c = m.content;
  switch (c.kind) {
    case 'text':
      return c.text;
    case 'choice':
      return c.text ?? c.payload;
    case 'location':
      return `📍 ${c.lat.toFixed(5)}, ${c.lng.toFixed(5)}`;
    case 'media':
      return `[${c.mediaType}]${c.caption ? ` ${c.caption}` : ''}`;
    case 'contact':
      return `[contact] ${[c.name, c.phone].filter(Boolean).join(' ')}`;
    default:
      return `[${c.kind === 'unsupported' ? c.what : 'message'}]`;
  }
}

export interface TicketDetail {
  ticket: QueueItem & {
    outcome: Ticket['outcome'];
    rating: number | null;
    closedAt: number | null;
    /** The patient's region (in_wb, bd, …) and its name in the console's language. */
    region: string | null;
    regionName: string | null;
    /** What the Follow-up screen's "offer daily check-ins" asks for. */
    conversationId: string;
  };
  triage: null | {
    level: string;
    at: number;
    reasons: Array<{ rule: string; text: string }>;
    answers: Array<{ field: string; value: string }>;
  };
  transcript: TranscriptLine[];
  notes: Array<{ id: string; at: number; author: string | null; text: string }>;
  timeline: Array<{ kind: TicketEvent['kind']; at: number; actor: string | null; details: TicketEvent['details'] }>;
  canned: Array<{ id: string; text: string }>;
}

/** One ticket for the console, translated into `lang` (the console's language) where it is ours to translate. */
export async function ticketDetail(svc: HandoffService, ticketId: string, account: Account, lang: Language, now: number): Promise<TicketDetail | undefined> {
  const t = await svc.store.tickets.get(ticketId);
  if (!t) return undefined;
  const { translate } = svc.runtime;
  const [messages, events, conversation] = await Promise.all([
    svc.store.messages.list(t.conversationId, { limit: 500 }),
    svc.store.tickets.events(t.id),
    svc.store.conversations.get(t.conversationId),
  ]);
  const who = await names(svc, [t.assigneeId, ...events.map((e) => e.actorId)]);
  const repliedBy = new Map(events.filter((e) => e.kind === 'reply' && e.messageId).map((e) => [e.messageId!, e.actorId]));
  const transcript = messages.map((m): TranscriptLine => {
    if (m.direction === 'in') {
      const line: TranscriptLine = { id: m.id, at: m.at, from: 'patient', text: describeInbound(m) };
      if (m.content.kind === 'media') line.media = { type: m.content.mediaType };
      return line;
    }
    const c = m.content as { text: string; choices?: Array<{ title: string }> };
    const person = repliedBy.get(m.id);
    const line: TranscriptLine = { id: m.id, at: m.at, from: person !== undefined ? 'person' : 'bot', text: c.text };
    if (person) line.personName = who.get(person) ?? person;
    if (c.choices?.length) line.choices = c.choices.map((x) => x.title);
    return line;
  });
  const answers = t.triage ? answerLines(t.triage.answers, lang, translate) : [];
  const region = conversation ? regionOf(conversation.session, now) : null;
  return {
    ticket: {
      ...item(svc, t, account, now, who),
      outcome: t.outcome,
      rating: t.rating,
      closedAt: t.closedAt,
      region,
      regionName: region === null ? null : nameOf(`region.${region}`, lang, translate),
      conversationId: t.conversationId,
    },
    triage: t.triage && {
      level: t.triage.level,
      at: t.triage.at,
      reasons: t.triage.reasons.map((rule) => ({ rule, text: translate(`triage.reason.${rule}`, lang) })),
      answers,
    },
    transcript,
    notes: events.filter((e) => e.kind === 'note').map((e) => ({ id: e.id, at: e.at, author: e.actorId ? (who.get(e.actorId) ?? e.actorId) : null, text: e.text ?? '' })),
    timeline: events.filter((e) => e.kind !== 'note' && e.kind !== 'reply').map((e) => ({ kind: e.kind, at: e.at, actor: e.actorId ? (who.get(e.actorId) ?? e.actorId) : null, details: e.details })),
    // In the patient's language: that is what the operator sends. With the numbers of the patient's
    // region (config/helplines.yaml; every served country's while it is not known): "call an
    // ambulance" must name the number that works where the patient is.
    canned: cannedReplies(svc, conversation?.session, conversation?.session.lang ?? t.language, now),
  };
}

function cannedReplies(svc: HandoffService, session: Session | undefined, lang: Language, now: number): TicketDetail['canned'] {
  const { translate } = svc.runtime;
  const numbers = emergencyNumbers(svc.deps.helplines, session ?? newSession(), now, EVERY_SERVED_COUNTRY)
    .map((line) => renderRef(line, lang, translate))
    .join('\n');
  return svc.config.cannedReplies.map((id) => ({ id, text: translate(`handoff.canned.${id}`, lang, { numbers }) }));
}

/** The translation of `key`, or null when there is none (the translator gives back the key). */
function nameOf(key: string, lang: Language, translate: (key: string, lng: Language) => string): string | null {
  const text = translate(key, lang);
  return text === key ? null : text;
}

/** The answers of the symptom check, one line each, lists translated (symptom and illness names). */
function answerLines(answers: Record<string, unknown>, lang: Language, translate: (key: string, lng: Language) => string): Array<{ field: string; value: string }> {
  const out: Array<{ field: string; value: string }> = [];
  for (const [field, value] of Object.entries(answers)) {
    if (value === undefined) continue;
    let text: string;
    if (Array.isArray(value)) {
      const prefix = field === 'symptoms' ? 'triage.symptom.' : field === 'comorbidities' ? 'triage.condition.' : '';
      text = value.map((v) => (prefix ? translate(`${prefix}${String(v)}`, lang) : String(v))).join(', ');
    } else if (value === null) {
      text = '—';
    } else {
      text = String(value);
    }
    out.push({ field, value: text });
  }
  return out;
}
