/**
 * The audit log records where a request came from as a keyed hash of the IP
 * address, not the address: enough to see that two sign-ins came from the same
 * place, or (with the key) to check whether a given address appears, without
 * keeping operators' addresses in the database. A plain sha256 would not do:
 * every IPv4 address can be hashed in minutes.
 *
 * The key is AUDIT_IP_SECRET, or else a random one created once in
 * DATA_DIR/audit-ip-secret (mode 0600). Deployments with several instances set
 * AUDIT_IP_SECRET so that all of them agree.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mappedIPv4 } from '../http/address-key';

export type IpHasher = (ip: string | undefined) => string | null;

export function createIpHasher(secret: string): IpHasher {
  return (ip) => {
    if (!ip) return null;
    // ::ffff:a.b.c.d hashes as a.b.c.d (the same client); an IPv4 address is the same in lower case.
    const normal = mappedIPv4(ip) ?? ip.toLowerCase();
    return createHmac('sha256', secret).update(normal).digest('hex').slice(0, 16);
  };
}

export function auditIpSecretFile(dataDir: string): string {
  return join(dataDir, 'audit-ip-secret');
}

/** The configured key, or the one kept in DATA_DIR (created on first use). */
export function loadAuditIpSecret(opts: { secret: string | undefined; dataDir: string }): string {
  if (opts.secret) return opts.secret;
  const file = auditIpSecretFile(opts.dataDir);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  // 'wx': two processes starting at once must not overwrite each other's key.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return secret;
}
