/** Reading a MongoDB URI and a deployment's `hello` answer: pure helpers, unit-tested without a server. */

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

const URI = /^(mongodb(?:\+srv)?:\/\/)(?:([^@/?]*)@)?([^/?]*)(\/[^?]*)?(\?.*)?$/;

export function isMongoUri(uri: string): boolean {
  return URI.test(uri);
}

/** The URI without its password, for messages and logs: `mongodb://sahay:***@db-1,db-2/sahay?replicaSet=rs0`. */
export function redactUri(uri: string): string {
  const m = URI.exec(uri);
  if (!m) return 'mongodb://(unparsable URI)';
  const [, scheme, auth, hosts, path = '', query = ''] = m;
  const user = auth === undefined ? '' : `${auth.split(':')[0] ?? ''}${auth.includes(':') ? ':***' : ''}@`;
  // Query options may carry secrets too (e.g. authMechanismProperties); keep their names only.
  const options = query ? `?${query.slice(1).split('&').map((kv) => kv.split('=')[0]).join('&')}` : '';
  return `${scheme}${user}${hosts}${path}${options}`;
}

/** The database named in the URI's path, or `fallback` when it names none. */
export function databaseName(uri: string, fallback = 'sahay'): string {
  const path = URI.exec(uri)?.[4];
  const name = path ? decodeURIComponent(path.slice(1)) : '';
  return name || fallback;
}

/** The same deployment and options, another database (tests give every run its own). */
export function withDatabase(uri: string, name: string): string {
  const m = URI.exec(uri);
  if (!m) throw new Error('not a mongodb:// or mongodb+srv:// URI');
  const [, scheme, auth, hosts, , query = ''] = m;
  return `${scheme}${auth === undefined ? '' : `${auth}@`}${hosts}/${encodeURIComponent(name)}${query}`;
}
