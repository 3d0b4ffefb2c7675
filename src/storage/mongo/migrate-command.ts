/**
 * `sahay store migrate --from sqlite --to mongodb`: copies the embedded
 * install's database (DATA_DIR/sahay.db) into the MongoDB of MONGODB_URI.
 * Safe to run again: what is already in MongoDB is kept as it is and counted as
 * "already there". Stop the service first, so that nothing is written to SQLite
 * during the copy; start it with MONGODB_URI set afterwards.
 */
import { existsSync } from 'node:fs';
import { openSqliteStore } from '../sqlite/sqlite-store';
import { copyStore, formatCopyReport } from './copy-store';
import { openMongoStore, type MongoStore } from './mongo-store';
import { sqliteSource } from './sqlite-source';
import { redactUri } from './topology';

export interface MigrateRequest {
  from: string;
  to: string;
  batchSize?: number;
}

export interface MigrateIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Opens the target (tests pass one on the emulated database). */
  openTarget?: (uri: string) => Promise<MongoStore>;
}

export const EX_USAGE = 64;
export const EX_CONFIG = 78;

export async function runStoreMigrate(config: { sqliteFile: string; mongodbUri?: string | undefined }, req: MigrateRequest, io: MigrateIo): Promise<number> {
  if (req.from !== 'sqlite' || req.to !== 'mongodb') {
    io.err('Only `sahay store migrate --from sqlite --to mongodb` is supported.');
    return EX_USAGE;
  }
  if (req.batchSize !== undefined && !(Number.isSafeInteger(req.batchSize) && req.batchSize >= 1)) {
    io.err('--batch-size must be a whole number of rows, at least 1.');
    return EX_USAGE;
  }
  const uri = config.mongodbUri;
  if (!uri) {
    io.err('MONGODB_URI is not set: set it (in .env) to the MongoDB to copy into, e.g. mongodb://127.0.0.1:27017/sahay');
    return EX_CONFIG;
  }
  if (!existsSync(config.sqliteFile)) {
    io.err(`There is no SQLite database at ${config.sqliteFile} (DATA_DIR): nothing to copy.`);
    return 1;
  }
  const source = openSqliteStore({ file: config.sqliteFile });
  let target: MongoStore | undefined;
  try {
    target = await (io.openTarget ?? ((u: string) => openMongoStore({ uri: u })))(uri);
    io.out(`Copying ${config.sqliteFile} into MongoDB at ${redactUri(uri)} (${target.transactions ? 'replica set' : 'standalone server'})`);
    const report = await copyStore(sqliteSource(source), target.importer, req.batchSize ? { batchSize: req.batchSize } : {});
    for (const line of formatCopyReport(report)) io.out(line);
    const refused = Object.values(report).reduce((n, r) => n + r.refused, 0);
    if (refused > 0) {
      io.err(
        `${refused} rows were refused: MongoDB already holds other rows under their unique keys (a username, a platform message id). ` +
          'Was this database used by another install? Nothing was overwritten.',
      );
      return 1;
    }
    io.out('Done. Running the migration again copies nothing twice.');
    return 0;
  } finally {
    await source.close();
    await target?.close();
  }
}
