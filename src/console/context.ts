import type { Logger } from '../log';
import type { Store } from '../storage/repositories';
import type { AccountService } from './accounts';
import type { AuditLog } from './audit';
import type { RouteTable } from './authorize';
import type { ConsoleConfig } from './console-config';
import type { ConsoleNav } from './nav';
import type { ConsoleSessions } from './sessions';
import type { LoginThrottle } from './throttle';

/** The console's parts, as mountConsole() wires them; the API route files take what they need. */
export interface ConsoleContext {
  store: Store;
  config: ConsoleConfig;
  log: Logger;
  routes: RouteTable;
  sessions: ConsoleSessions;
  throttle: LoginThrottle;
  accounts: AccountService;
  audit: AuditLog;
  nav: ConsoleNav;
  now: () => number;
}
