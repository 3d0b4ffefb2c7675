import type { Language } from '../engine/flow';
import type { Account, Role } from '../storage/repositories';

/** An account as the console API shows it: everything but the password hash. */
export interface PublicAccount {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  languages: Language[];
  queues: string[];
  /** A doctor's registration number; absent when none. */
  registration?: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Copies the fields one by one (never spreads the account), so a new secret field cannot slip into a response. */
export function publicAccount(a: Account): PublicAccount {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    roles: [...a.roles],
    languages: [...a.languages],
    queues: [...a.queues],
    ...(a.registration ? { registration: a.registration } : {}),
    active: a.active,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
