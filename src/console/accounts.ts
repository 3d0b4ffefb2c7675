/**
 * Creating and changing console accounts: the one place both the console's
 * admin API and `sahay accounts` go through, so that the rules hold for both:
 *
 * - usernames are lower-case and unique; passwords follow passwordProblem();
 * - disabling an account, or resetting its password, ends all its sessions;
 * - the last active admin cannot be disabled or lose the admin role (nobody
 *   could then manage accounts in the console);
 * - an account that can no longer take patients (disabled, or no longer an operator
 *   or doctor) gives back the chats it holds: each goes back to waiting in its queue.
 *   Nobody else may act on a chat someone holds, so the patient would otherwise
 *   write to nobody, for good;
 * - every change is in the audit log, with who made it (an account, or the
 *   command line) and which fields changed — never the values of secrets.
 */
import { AppError } from '../http/errors';
import type { Language } from '../engine/flow';
import type { Account, AccountChanges, Role, Store, StoredOutbound, Ticket } from '../storage/repositories';
import type { AuditLog } from './audit';
import { hashPassword, passwordProblem } from './passwords';
import { servesPatients } from './roles';
import type { ConsoleSessions } from './sessions';

/** Who makes a change: a signed-in account (from an IP), or the command line. */
export type Actor = { accountId: string; ip?: string | undefined } | { cli: true };

export interface NewAccount {
  username: string;
  displayName: string;
  roles: Role[];
  languages: Language[];
  queues: string[];
  /** A doctor's registration number (shown with their replies to patients); absent or '' when none. */
  registration?: string | undefined;
  password: string;
}

export type AccountEdit = Partial<Pick<Account, 'displayName' | 'roles' | 'languages' | 'queues' | 'registration' | 'active'>>;

export interface AccountServiceDeps {
  store: Store;
  audit: AuditLog;
  sessions: ConsoleSessions;
  passwordCost: number;
  now: () => number;
  newId: () => string;
}

/**
 * What the patient of a chat given back is told ("you are back in the queue", with their place
 * or when the desk opens), as the desk's release tells it (HandoffDesk.releaseNotice), and its
 * delivery once stored with the move.
 */
export type ReleaseNotice = (ticket: Ticket, at: number) => Promise<{ notice: StoredOutbound; deliver: () => Promise<void> }>;

export class AccountService {
  private readonly releasedListeners: Array<(ticketIds: string[]) => void> = [];
  private releaseNotice: ReleaseNotice | undefined;

  constructor(private readonly deps: AccountServiceDeps) {}

  /** Told of the chats given back by an account that stopped serving patients (the live queue, auto-assignment). */
  onTicketsReleased(listener: (ticketIds: string[]) => void): void {
    this.releasedListeners.push(listener);
  }

  /**
   * How the patients of chats given back are told (set by the hand-off, src/handoff/mount.ts).
   * Without it (a process without the hand-off desk) the chats still go back, untold.
   */
  setReleaseNotice(notice: ReleaseNotice): void {
    this.releaseNotice = notice;
  }

  list(): Promise<Account[]> {
    return this.deps.store.accounts.list();
  }

  async get(id: string): Promise<Account> {
    const account = await this.deps.store.accounts.get(id);
    if (!account) throw new AppError('not_found', 'No such account.');
    return account;
  }

  async findByUsername(username: string): Promise<Account> {
    const account = await this.deps.store.accounts.findByUsername(username.trim().toLowerCase());
    if (!account) throw new AppError('not_found', `No account named "${username.trim().toLowerCase()}".`);
    return account;
  }

  async create(input: NewAccount, by: Actor): Promise<Account> {
    const username = input.username.trim().toLowerCase();
    checkPassword(input.password, username);
    const now = this.deps.now();
    const account: Account = {
      id: this.deps.newId(),
      username,
      displayName: input.displayName,
      roles: input.roles,
      languages: input.languages,
      queues: input.queues,
      ...(input.registration ? { registration: input.registration } : {}),
      active: true,
      passwordHash: await hashPassword(input.password, this.deps.passwordCost),
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.deps.store.accounts.create(account))) throw new AppError('conflict', `The username "${username}" is taken.`);
    await this.audit(by, 'account.created', account.id, { username, roles: account.roles.join(',') });
    return account;
  }

  async update(id: string, edit: AccountEdit, by: Actor): Promise<Account> {
    const before = await this.get(id);
    const changes: AccountChanges = {};
    for (const key of ['displayName', 'roles', 'languages', 'queues', 'registration', 'active'] as const) {
      const value = edit[key];
      // No registration number and '' are the same.
      const was = key === 'registration' ? (before.registration ?? '') : before[key];
      if (value !== undefined && JSON.stringify(value) !== JSON.stringify(was)) Object.assign(changes, { [key]: value });
    }
    const fields = Object.keys(changes);
    if (fields.length === 0) {
      // Nothing to change, but chats an earlier change should have given back may still be held
      // (it failed half-way, or the process stopped): giving them back is safe to repeat.
      if (!servesPatients(before)) await this.releaseHeldChats(id, by, before.active ? 'role_removed' : 'account_disabled');
      return before;
    }
    const losesAdmin = before.active && before.roles.includes('admin') && (changes.active === false || (changes.roles && !changes.roles.includes('admin')));
    if (losesAdmin && (await this.activeAdminCount()) <= 1) {
      throw new AppError('conflict', 'This is the last active admin: make another account admin first.');
    }
    const after = await this.deps.store.accounts.update(id, changes, this.deps.now());
    if (!after) throw new AppError('not_found', 'No such account.');
    if (changes.active === false) await this.deps.sessions.endAllFor(id);

    const details: Record<string, string> = { fields: fields.join(',') };
    if (changes.roles) details.roles = changes.roles.join(',');
    const action = fields.length === 1 && changes.active !== undefined ? (changes.active ? 'account.enabled' : 'account.disabled') : 'account.updated';
    await this.audit(by, action, id, details);
    if (servesPatients(before) && !servesPatients(after)) await this.releaseHeldChats(id, by, after.active ? 'role_removed' : 'account_disabled');
    return after;
  }

  /** Every chat the account holds goes back to waiting in its queue; each is audited as released by `by`. */
  private async releaseHeldChats(accountId: string, by: Actor, reason: 'account_disabled' | 'role_removed'): Promise<void> {
    const { store, now, newId } = this.deps;
    const held = await store.tickets.list({ states: ['assigned'], assigneeId: accountId });
    const released: string[] = [];
    for (const ticket of held) {
      const at = now();
      // The patient is told, as by a release at the desk (stored with the move, so never for a chat closed meanwhile).
      const told = await this.noticeFor(ticket, at);
      // As the holder: the store lets only the assignee release, and a chat closed meanwhile stays closed.
      const result = await store.tickets.move({ ticketId: ticket.id, operatorId: accountId, at, queue: ticket.queue, assigneeId: null, ...(told ? { notice: told.notice } : {}), eventId: newId() });
      if (result.status !== 'ok') continue;
      if (told) await told.deliver();
      released.push(ticket.id);
      await this.audit(by, 'ticket.released', { type: 'ticket', id: ticket.id }, { reason });
    }
    if (released.length > 0) for (const listener of this.releasedListeners) listener(released);
  }

  private async noticeFor(ticket: Ticket, at: number): Promise<Awaited<ReturnType<ReleaseNotice>> | undefined> {
    if (!this.releaseNotice) return undefined;
    try {
      return await this.releaseNotice(ticket, at);
    } catch {
      // The conversation gone: the chat still goes back.
      return undefined;
    }
  }

  /**
   * Set a new password. An admin's reset (or the command line's) ends every session of
   * the account; changing one's own password keeps the session it was changed from.
   */
  async setPassword(id: string, password: string, by: Actor, opts: { keepSessionId?: string } = {}): Promise<void> {
    const account = await this.get(id);
    checkPassword(password, account.username);
    const passwordHash = await hashPassword(password, this.deps.passwordCost);
    await this.deps.store.accounts.update(id, { passwordHash }, this.deps.now());
    await this.deps.sessions.endAllFor(id, opts.keepSessionId);
    const own = 'accountId' in by && by.accountId === id;
    await this.audit(by, own ? 'account.password_changed' : 'account.password_reset', id, {});
  }

  private async activeAdminCount(): Promise<number> {
    return (await this.list()).filter((a) => a.active && a.roles.includes('admin')).length;
  }

  private async audit(by: Actor, action: string, target: string | { type: string; id: string }, details: Record<string, string>): Promise<void> {
    await this.deps.audit.record({
      actorId: 'accountId' in by ? by.accountId : null,
      action,
      // An account's id, or another target.
      target: typeof target === 'string' ? { type: 'account', id: target } : target,
      ip: 'accountId' in by ? by.ip : undefined,
      details: 'cli' in by ? { ...details, via: 'cli' } : details,
    });
  }
}

function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError('bad_request', `The password ${problem}.`, [{ path: 'password', message: problem }]);
}
