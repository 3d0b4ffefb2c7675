/**
 * Signing in to a running service's console API as the browser does: the session cookie
 * (name=value, for a Cookie header) and the CSRF token every state-changing call sends.
 * Fails the test unless the sign-in succeeds.
 */
export interface ConsoleSession {
  cookie: string;
  csrf: string;
}

export async function signInToConsole(base: string, username: string, password: string): Promise<ConsoleSession> {
  const res = await fetch(`${base}/api/console/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`signing in as ${username} answered ${res.status}`);
  return { cookie: res.headers.getSetCookie()[0]!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}
