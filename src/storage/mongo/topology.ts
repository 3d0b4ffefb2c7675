/** Reading a MongoDB URI and a deployment's `hello` answer: pure helpers, unit-tested without a server. */
import ConnectionString from 'mongodb-connection-string-url';

export interface HelloReply {
  setName?: unknown;
  msg?: unknown;
  logicalSessionTimeoutMinutes?: unknown;
}

/**
 * Multi-document transactions need a replica set member or a mongos (sharded
 * cluster), and sessions. A standalone server has neither `setName` nor `msg: 'isdbgrid'`.
 */
export function supportsTransactions(hello: HelloReply): boolean {
  const replicaSetOrMongos = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
  return replicaSetOrMongos && typeof hello.logicalSessionTimeoutMinutes === 'number';
}

/** A MongoDB URI taken apart; `auth` is everything before the host list, as written (may be unescaped). */
interface MongoUriParts {
  scheme: 'mongodb://' | 'mongodb+srv://';
  auth: string | undefined;
  hosts: string;
  path: string;
  query: string;
}

const SCHEME = /^mongodb(?:\+srv)?:\/\//;
/** What follows the credentials: a host list (never holds `@`, `/`, `?` or `#`), then an optional path and query. */
const AFTER_AUTH = /^([^@/?#]+)(\/[^?#]*)?(\?[^#]*)?$/;
/**
 * One host of the list: a name, an IPv4 or [IPv6] address or a %-escaped socket
 * path, with a numeric port. `sahay:secret` (credentials without their `@`) is no host.
 */
const HOST = /^(?:\[[0-9A-Fa-f:.%]+\]|[^\s:,[\]]+)(?::\d{1,5})?$/;

/**
 * Credentials end at the LAST `@`, not the first: a password with an unescaped
 * `@`, `/`, `?` or `#` (which the driver refuses, but people still write) must
 * never leak into the host or path part that redactUri prints. A `@` in the
 * query (rare) then makes a longer `auth`, which is hidden, never shown.
 */
function parseMongoUri(uri: string): MongoUriParts | undefined {
  const scheme = SCHEME.exec(uri)?.[0] as MongoUriParts['scheme'] | undefined;
  if (!scheme) return undefined;
  const rest = uri.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  const auth = at < 0 ? undefined : rest.slice(0, at);
  const m = AFTER_AUTH.exec(rest.slice(at + 1));
  if (!m) return undefined;
  const [, hosts = '', path = '', query = ''] = m;
  if (!hosts.split(',').every((host) => HOST.test(host))) return undefined;
  return { scheme, auth, hosts, path, query };
}

/** The driver's own parser (mongodb-connection-string-url); undefined for a URI it refuses (e.g. an unescaped password). */
function asTheDriverReadsIt(uri: string, scheme: MongoUriParts['scheme']): MongoUriParts | undefined {
  let cs: ConnectionString;
  try {
    cs = new ConnectionString(uri);
  } catch {
    return undefined;
  }
  const auth = cs.username === '' && cs.password === '' ? undefined : `${cs.username}${cs.password === '' ? '' : `:${cs.password}`}`;
  return { scheme, auth, hosts: cs.hosts.join(','), path: cs.pathname === '/' ? '' : cs.pathname, query: cs.search };
}

export function isMongoUri(uri: string): boolean {
  return parseMongoUri(uri) !== undefined;
}

/** What redactUri prints for a URI it cannot take apart: any part of it could be a password. */
export const UNREADABLE_URI = 'mongodb://(credentials hidden)';

/** The URI without its password, for messages and logs: `mongodb://sahay:***@db-1,db-2/sahay?replicaSet=rs0`. */
export function redactUri(uri: string): string {
  const parts = parseMongoUri(uri);
  if (!parts) return UNREADABLE_URI;
  const { scheme, auth, hosts, path, query } = parts;
  return `${scheme}${redactAuth(auth)}${hosts}${path}${redactQuery(query)}`;
}

/**
 * `user:***@`. The user name is what precedes the first `:`, the rest is the
 * password. A "user name" holding `/`, `?`, `#` or `@` means the last `@` was
 * in the query (`?appName=a@b`), so the part cannot be told apart: all hidden.
 */
function redactAuth(auth: string | undefined): string {
  if (auth === undefined) return '';
  const user = auth.split(':')[0] ?? '';
  if (/[/?#@]/.test(user)) return '***@';
  return `${user}${auth.includes(':') ? ':***' : ''}@`;
}

function redactQuery(query: string): string {
  // Query options may carry secrets too (e.g. authMechanismProperties); keep their names only.
  return query ? `?${query.slice(1).split('&').map((kv) => kv.split('=')[0]).join('&')}` : '';
}

/**
 * Where the database and the rest of the URI are: as the driver reads them when it can (a `@`
 * in the query, `?appName=ops@sahay`, ends no credentials there, and the last-`@` rule would
 * pick the wrong database), else by the rule above. Redaction keeps to the rule above alone:
 * there, hiding too much is harmless, and the driver's parser reads some malformed URIs in
 * ways that would show a password as a host.
 */
function locate(uri: string): MongoUriParts | undefined {
  const scheme = SCHEME.exec(uri)?.[0] as MongoUriParts['scheme'] | undefined;
  return (scheme && asTheDriverReadsIt(uri, scheme)) || parseMongoUri(uri);
}

/** The database named in the URI's path, or `fallback` when it names none. */
export function databaseName(uri: string, fallback = 'sahay'): string {
  const path = locate(uri)?.path;
  const name = path ? decodeURIComponent(path.slice(1)) : '';
  return name || fallback;
}

/** The same deployment and options, another database (tests give every run its own). */
export function withDatabase(uri: string, name: string): string {
  const parts = locate(uri);
  if (!parts) throw new Error('not a mongodb:// or mongodb+srv:// URI');
  const { scheme, auth, hosts, query } = parts;
  return `${scheme}${auth === undefined ? '' : `${auth}@`}${hosts}/${encodeURIComponent(name)}${query}`;
}
