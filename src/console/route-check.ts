/**
 * Walks an express 5 app's routing table (app.router.stack, into mounted
 * routers) and lists every route with the guard in front of it, so that a test
 * — and the service at start-up — can prove that nothing under /api/admin or
 * /api/operator is reachable without a role check.
 */
import type { Express } from 'express';
import { GUARD, type Allowed } from './authorize';

/** Every route under these prefixes must name the roles it allows. */
export const GUARDED_PREFIXES = ['/api/admin', '/api/operator'] as const;

export interface FoundRoute {
  method: string;
  /** The full path pattern, mount points included ("/api/admin/accounts/:id"). */
  path: string;
  /** What the route's own guard allows; undefined when it has none. */
  allowed: Allowed | undefined;
}

/** A layer of express 5's router (router@2); only the fields read here. */
interface Layer {
  rawPath?: unknown;
  handle: { stack?: Layer[]; [GUARD]?: unknown };
  route?: { path: unknown; methods: Record<string, boolean>; stack: Layer[] };
}

interface Walk {
  routes: FoundRoute[];
  /** Middleware (not a route, not a router) under a guarded prefix, other than the barrier. */
  loose: string[];
}

const isUnder = (path: string) => GUARDED_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));

function paths(raw: unknown): string[] {
  if (typeof raw === 'string') return [raw];
  if (Array.isArray(raw)) return raw.flatMap(paths);
  // A RegExp path cannot be listed: when it matches a guarded prefix or names one in its
  // source, it is listed under that prefix (so that the check refuses it).
  if (raw instanceof RegExp) {
    const source = raw.source.replace(/\\\//g, '/');
    return GUARDED_PREFIXES.filter((p) => raw.test(p) || raw.test(`${p}/x`) || source.includes(p)).map((p) => `${p}/${String(raw)}`);
  }
  return [];
}

const join = (base: string, path: string) => (base + (path === '/' ? '' : path)).replace(/\/{2,}/g, '/') || '/';

function walk(stack: Layer[], base: string, out: Walk): void {
  for (const layer of stack) {
    if (layer.route) {
      const allowed = layer.route.stack.map((l) => l.handle[GUARD] as Allowed | 'barrier' | undefined).find((g) => g !== undefined && g !== 'barrier');
      for (const p of paths(layer.route.path)) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on) out.routes.push({ method: method === '_all' ? 'all' : method, path: join(base, p), allowed });
        }
      }
    } else if (Array.isArray(layer.handle.stack)) {
      for (const p of paths(layer.rawPath ?? '/')) walk(layer.handle.stack, join(base, p), out);
    } else if (layer.handle[GUARD] !== 'barrier') {
      for (const p of paths(layer.rawPath ?? '/')) {
        const full = join(base, p);
        if (isUnder(full)) out.loose.push(`middleware at ${full}`);
      }
    }
  }
}

function walkApp(app: Express): Walk {
  const out: Walk = { routes: [], loose: [] };
  walk((app.router as unknown as { stack: Layer[] }).stack, '', out);
  return out;
}

/** Every route of the app, in registration order. */
export function listRoutes(app: Express): FoundRoute[] {
  return walkApp(app).routes;
}

/** The routes under a guarded prefix that can be reached without a role guard, as "GET /api/admin/x". */
export function unguardedRoutes(app: Express): string[] {
  const { routes, loose } = walkApp(app);
  const bad = routes
    .filter((r) => isUnder(r.path) && (r.allowed === undefined || r.allowed === 'signed-in'))
    .map((r) => `${r.method.toUpperCase()} ${r.path}`);
  return [...bad, ...loose];
}

/** Called once every module has mounted its routes: refuse to serve an unguarded admin or operator route. */
export function assertRoutesGuarded(app: Express): void {
  const bad = unguardedRoutes(app);
  if (bad.length > 0) {
    throw new Error(
      `Console routes without a role guard (register them with consoleApp.routes.route(method, path, roles, handler)):\n${bad.map((b) => `  - ${b}`).join('\n')}`,
    );
  }
}
