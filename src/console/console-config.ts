/**
 * The console's settings, read by src/config.ts from the environment (each one is
 * documented in .env.example). Kept here so that the console's code and tests
 * name one type.
 */
export interface ConsoleConfig {
  /** A session not used for this long ends (CONSOLE_SESSION_IDLE_MINUTES). */
  sessionIdleMs: number;
  /** A session ends this long after sign-in however active it is (CONSOLE_SESSION_MAX_HOURS). */
  sessionMaxMs: number;
  /** Secure cookie: 'auto' = when the request came over TLS (req.secure, which honours TRUST_PROXY). */
  cookieSecure: 'auto' | boolean;
  /** Failed sign-ins allowed per account name, and per client IP, within loginWindowMs. */
  loginMaxFailures: number;
  loginMaxFailuresPerIp: number;
  loginWindowMs: number;
  /** bcrypt cost (PASSWORD_HASH_COST, at least 12). Tests build a Config with a lower one. */
  passwordCost: number;
  /** Key of the audit log's IP hashes (AUDIT_IP_SECRET); unset = a random key kept in DATA_DIR. */
  auditIpSecret: string | undefined;
}
