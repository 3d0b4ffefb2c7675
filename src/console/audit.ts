/**
 * The audit log: who did what to which record, when, and from where.
 *
 * The console records sign-ins (and failed ones, without the attempted password),
 * sign-outs and account changes itself. Every screen that shows or changes
 * patient or content data records its own actions, in the route handler, with
 * `recordFor`:
 *
 * ```ts
 * consoleApp.routes.route('get', '/api/operator/conversations/:id', ['operator', 'doctor'], async (req, res) => {
 *   const conversation = await store.conversations.get(req.params.id);
 *   if (!conversation) throw new AppError('not_found');
 *   await consoleApp.audit.recordFor(req, 'conversation.viewed', { type: 'conversation', id: conversation.id });
 *   res.json(...);
 * });
 * // an edit: name the fields, never their content
 * await audit.recordFor(req, 'faq.updated', { type: 'faq', id }, { fields: 'answer.bn,answer.hi' });
 * ```
 *
 * Actions are dotted, lower-case, past tense (`<record>.<what happened>`):
 * conversation.viewed, conversation.replied, faq.updated, flow.published,
 * beds.imported, account.created... `details` holds a few small values — ids,
 * counts, field names, a reason — and never patient data, message text,
 * names, phone numbers or secrets. Outside a request (the command line), use
 * `record` with `actorId: null` and `details.via`.
 */
import type { Request } from 'express';
import type { AuditEntry, AuditQuery, Store } from '../storage/repositories';
import { currentAuth } from './request-auth';
import type { IpHasher } from './ip-hash';

export type AuditDetails = AuditEntry['details'];

export interface AuditRecord {
  actorId: string | null;
  action: string;
  target?: { type: string; id: string };
  /** The client's address (req.ip); stored only as a keyed hash. */
  ip?: string | undefined;
  details?: AuditDetails;
}

const ACTION = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;
const MAX_DETAIL_CHARS = 200;
const MAX_DETAILS = 20;

export interface AuditLogDeps {
  store: Store;
  hashIp: IpHasher;
  now: () => number;
  newId: () => string;
}

export class AuditLog {
  constructor(private readonly deps: AuditLogDeps) {}

  /** Append one entry. Throws (a programming error) on a malformed action or details. */
  async record(r: AuditRecord): Promise<AuditEntry> {
    if (!ACTION.test(r.action)) throw new Error(`audit action "${r.action}" is not dotted lower-case words (e.g. "conversation.viewed")`);
    const entry: AuditEntry = {
      id: this.deps.newId(),
      at: this.deps.now(),
      actorId: r.actorId,
      action: r.action,
      targetType: r.target?.type ?? null,
      targetId: r.target?.id ?? null,
      ipHash: this.deps.hashIp(r.ip),
      details: checkDetails(r.details ?? {}),
    };
    await this.deps.store.audit.append(entry);
    return entry;
  }

  /** Record an action of the account signed in on this request (the route must be guarded). */
  recordFor(req: Request, action: string, target?: { type: string; id: string }, details?: AuditDetails): Promise<AuditEntry> {
    const auth = currentAuth(req);
    if (!auth) throw new Error(`audit.recordFor("${action}") on a request without a console session: guard the route`);
    return this.record({ actorId: auth.account.id, action, ...(target ? { target } : {}), ip: req.ip, ...(details ? { details } : {}) });
  }

  list(query: AuditQuery): Promise<AuditEntry[]> {
    return this.deps.store.audit.list(query);
  }

  /** The hash an address would be stored under (for `sahay audit --ip`). */
  hashIp(ip: string): string | null {
    return this.deps.hashIp(ip);
  }
}

function checkDetails(details: AuditDetails): AuditDetails {
  const entries = Object.entries(details);
  if (entries.length > MAX_DETAILS) throw new Error(`audit details take at most ${MAX_DETAILS} fields`);
  const out: AuditDetails = {};
  for (const [k, v] of entries) {
    if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) throw new Error(`audit detail "${k}" must be a string, number, boolean or null`);
    out[k] = typeof v === 'string' && v.length > MAX_DETAIL_CHARS ? `${v.slice(0, MAX_DETAIL_CHARS)}…` : v;
  }
  return out;
}
