/**
 * The SQLite schema, as an ordered list of numbered migrations. A migration is
 * never edited once released: change the schema by appending the next number.
 * `migrate.ts` applies the ones a database has not seen, in one transaction.
 *
 * Times are integer ms since epoch; JSON columns hold text written by JSON.stringify.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE conversations (
        id         TEXT PRIMARY KEY,
        channel    TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        session    TEXT NOT NULL,
        version    INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (channel, user_id)
      );

      -- Keyed by seq (the rowid), not by id: nothing looks a message up by id, and a
      -- second unique index would be one more page written by every turn (measured:
      -- about a fifth of a commit's WAL frames). seq is also the tie-break for messages
      -- stored in the same millisecond.
      CREATE TABLE messages (
        seq                 INTEGER PRIMARY KEY,
        id                  TEXT NOT NULL,
        conversation_id     TEXT NOT NULL REFERENCES conversations (id),
        direction           TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        channel             TEXT NOT NULL,
        -- null for outbound rows
        platform_message_id TEXT,
        content             TEXT NOT NULL,
        -- inbound only: when the platform says the patient sent it (at = when we received it)
        sent_at             INTEGER,
        at                  INTEGER NOT NULL
      );
      -- The inbound dedupe key: a second insert of the same platform message fails here.
      -- Partial, so that outbound rows (no platform id) do not write to it.
      CREATE UNIQUE INDEX messages_platform_id ON messages (channel, platform_message_id) WHERE platform_message_id IS NOT NULL;
      CREATE INDEX messages_conversation_at ON messages (conversation_id, at);

      CREATE TABLE outbox (
        id              TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        channel         TEXT NOT NULL,
        user_id         TEXT NOT NULL,
        text            TEXT NOT NULL,
        choices         TEXT,
        status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        created_at      INTEGER NOT NULL,
        sent_at         INTEGER,
        last_error      TEXT
      );
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

      CREATE TABLE flow_versions (
        flow_id    TEXT NOT NULL,
        version    TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (flow_id, version)
      );
    `,
  },
];
