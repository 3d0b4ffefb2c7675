import type { Account, AccountRepository } from '../repositories';
import type { Collections } from './collections';
import type { AccountDoc } from './documents';
import { DuplicateKeyError } from './errors';

export function toAccount(d: AccountDoc): Account {
  const account: Account = {
    id: d._id,
    username: d.username,
    displayName: d.displayName,
    roles: [...d.roles],
    languages: [...d.languages],
    queues: [...d.queues],
    active: d.active,
    passwordHash: d.passwordHash,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
  // Absent, not '' or undefined, when the account has none: the shape every driver hands out.
  if (d.registration) account.registration = d.registration;
  return account;
}

export function accountDoc(a: Account): AccountDoc {
  const doc: AccountDoc = {
    _id: a.id,
    username: a.username,
    displayName: a.displayName,
    roles: [...a.roles],
    languages: [...a.languages],
    queues: [...a.queues],
    active: a.active,
    passwordHash: a.passwordHash,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
  if (a.registration) doc.registration = a.registration;
  return doc;
}

export function mongoAccounts(c: Collections): AccountRepository {
  return {
    async create(account) {
      try {
        await c.accounts.insert([accountDoc(account)], { ordered: true });
        return true;
      } catch (err) {
        // A taken username is an answer; a clash on id is a bug and still throws.
        if (err instanceof DuplicateKeyError && err.only('accounts_username')) return false;
        throw err;
      }
    },
    async get(id) {
      const d = await c.accounts.findOne('accounts.byId', { _id: id });
      return d ? toAccount(d) : undefined;
    },
    async findByUsername(username) {
      const d = await c.accounts.findOne('accounts.byUsername', { username });
      return d ? toAccount(d) : undefined;
    },
    async list() {
      return (await c.accounts.find('accounts.all', {})).map(toAccount);
    },
    async update(id, changes, now) {
      // One document update: two admins' edits of different fields both land.
      const set: Record<string, unknown> = { updatedAt: now };
      const unset: Record<string, 1> = {};
      for (const [field, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        // '' removes a registration number.
        if (field === 'registration' && value === '') unset[field] = 1;
        else set[field] = Array.isArray(value) ? [...(value as unknown[])] : value;
      }
      const d = await c.accounts.findOneAndUpdate('accounts.byId', { _id: id }, Object.keys(unset).length ? { $set: set, $unset: unset } : { $set: set });
      return d ? toAccount(d) : undefined;
    },
  };
}
