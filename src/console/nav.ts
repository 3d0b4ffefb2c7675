/**
 * The console's navigation: the screens there are, and who sees each. The
 * server sends each account only the screens its roles allow (and the APIs
 * behind them check again: hiding a link is not authorization).
 *
 * A module adds its screen at start-up, after mountConsole():
 *
 * ```ts
 * consoleApp.nav.add({ id: 'handoff', label: 'nav.handoff', roles: ['operator', 'doctor'], script: 'screens/handoff.js', order: 10 });
 * ```
 *
 * - `label` is a key in locales/<lng>/console.json (all three languages);
 * - `script` is a file under src/http/public/console/ that registers the screen
 *   in the page: `SahayConsole.screen('handoff', { render(el, ctx) { ... } })`
 *   (see screens/home.js for a complete one); the page loads it on first visit
 *   to `#/handoff`.
 */
import type { Role } from '../storage/repositories';

export interface ConsoleScreen {
  /** Lower-case id; the screen's address in the page is `#/<id>`. */
  id: string;
  label: string;
  /** Who sees it; 'signed-in' = every account. */
  roles: readonly Role[] | 'signed-in';
  script: string;
  /** Position in the navigation, lowest first (home is 0, admin screens 100+). */
  order: number;
}

export interface NavItem {
  id: string;
  label: string;
  script: string;
}

const ID = /^[a-z][a-z0-9-]{0,31}$/;
const SCRIPT = /^screens\/[a-z0-9-]+\.js$/;

export class ConsoleNav {
  private readonly screens = new Map<string, ConsoleScreen>();

  add(screen: ConsoleScreen): void {
    if (!ID.test(screen.id)) throw new Error(`console screen id "${screen.id}" must be lower-case letters, digits and dashes`);
    if (!SCRIPT.test(screen.script)) throw new Error(`console screen script "${screen.script}" must be screens/<name>.js`);
    if (this.screens.has(screen.id)) throw new Error(`console screen "${screen.id}" is already registered`);
    if (screen.roles !== 'signed-in' && screen.roles.length === 0) throw new Error(`console screen "${screen.id}" must allow at least one role`);
    this.screens.set(screen.id, { ...screen });
  }

  /** The screens this account sees, in order. */
  for(roles: readonly Role[]): NavItem[] {
    return [...this.screens.values()]
      .filter((s) => s.roles === 'signed-in' || s.roles.some((r) => roles.includes(r)))
      .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))
      .map(({ id, label, script }) => ({ id, label, script }));
  }

  all(): ConsoleScreen[] {
    return [...this.screens.values()].map((s) => ({ ...s }));
  }
}
