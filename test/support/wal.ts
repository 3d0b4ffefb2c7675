import { existsSync, readFileSync } from 'node:fs';

/**
 * Commits in the file's WAL: frames whose header carries the database size after a
 * commit, counted among the frames of the WAL's current generation (its salts).
 */
export function walCommits(dbFile: string): number {
  const wal = `${dbFile}-wal`;
  if (!existsSync(wal)) return 0;
  const bytes = readFileSync(wal);
  if (bytes.length < 32) return 0;
  const pageSize = bytes.readUInt32BE(8);
  const salts = bytes.subarray(16, 24);
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= bytes.length; at += 24 + pageSize) {
    if (!bytes.subarray(at + 8, at + 16).equals(salts)) break;
    if (bytes.readUInt32BE(at + 4) !== 0) commits++;
  }
  return commits;
}
