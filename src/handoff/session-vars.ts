/**
 * What the hand-off keeps in a conversation's session, under `handoff.*`:
 *
 * | path                       | what                                                              |
 * |----------------------------|-------------------------------------------------------------------|
 * | `handoff.ticket`           | the id of the conversation's latest ticket (written by the router) |
 * | `handoff.state`            | `open` while that ticket is waiting or assigned, then `closed`     |
 * | `handoff.queue`            | its queue id                                                       |
 * | `handoff.position`         | place in the queue when last told (for the waiting question)      |
 * | `handoff.minutes`          | the estimated wait when last told                                  |
 * | `handoff.desk_open`        | whether the queue's desk was open when last told                   |
 * | `handoff.fallbacks`        | when the bot last fell back ("not understood"), ms                 |
 * | `handoff.not_understood`   | set by the second fallback: the hand-off flow takes the general queue |
 * | `handoff.next_kind`        | the kind of person a flow asks the hand-off for (`handoff.ask_for`), taken at once by `handoff.begin` |
 * | `handoff.kind`             | the kind of person this run of the hand-off flow asks for: `doctor` unless a flow asked another |
 * | `handoff.urgent`           | the patient wrote of suicide or self-harm lately: the request is urgent (routing.ts `isUrgent`) |
 * | `handoff.staffed`          | whether anyone was online for the queue when last told (no minutes promised otherwise) |
 * | `handoff.told`             | place, wait and desk as last told in full ("2|10|open"): unchanged, a message gets a brief "passed on" |
 * | `handoff.quiet`            | brief answers since the last full one (the full text comes back every few messages) |
 * | `handoff.tell`             | `full` or `brief`: how the waiting question answers this message |
 * | `handoff.resume`           | the emergency flow sends the patient back to an open ticket: tell where they stand, ask nothing |
 * | `handoff.left_person`      | "cancel" ended a chat a person had (not only a place in the queue) |
 * | `handoff.end_asked`        | "cancel" with a person in the chat was answered "end it? write cancel again": `{ ticket, at }` |
 * | `handoff.end_confirmed`    | this "cancel" is that second one: the chat with the person ends     |
 *
 * The router reads `handoff.state` on every message: only when it is `open` does it
 * look the ticket up (is a person in the chat?), so conversations without one cost nothing.
 */
import { getPath } from '../engine/paths';
import type { Session } from '../engine/session';

export const HANDOFF = 'handoff';

export interface HandoffVars {
  ticket?: string;
  state?: 'open' | 'closed';
  queue?: string;
  position?: number;
  minutes?: number;
  desk_open?: boolean;
  fallbacks?: number[];
  not_understood?: boolean;
  next_kind?: string | null;
  kind?: string;
  urgent?: boolean;
  staffed?: boolean;
  told?: string;
  quiet?: number;
  tell?: 'full' | 'brief';
  resume?: boolean;
  left_person?: boolean;
  end_asked?: { ticket?: string; at?: number } | null;
  end_confirmed?: boolean;
}

export function handoffVars(session: Session): HandoffVars {
  const v = getPath(session, HANDOFF);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as HandoffVars) : {};
}

/** The open ticket's id, when the session says there is one. */
export function openTicketId(session: Session): string | undefined {
  const v = handoffVars(session);
  return v.state === 'open' && typeof v.ticket === 'string' ? v.ticket : undefined;
}
