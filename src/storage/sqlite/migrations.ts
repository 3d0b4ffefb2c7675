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
  {
    version: 2,
    name: 'console accounts, sessions and audit log',
    sql: `
      -- roles, languages and queues are JSON arrays; active is 0/1.
      CREATE TABLE accounts (
        id            TEXT PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE,
        display_name  TEXT NOT NULL,
        roles         TEXT NOT NULL,
        languages     TEXT NOT NULL,
        queues        TEXT NOT NULL,
        active        INTEGER NOT NULL CHECK (active IN (0, 1)),
        password_hash TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      );

      -- id is the sha256 of the cookie's token: a copy of this table signs nobody in.
      CREATE TABLE console_sessions (
        id           TEXT PRIMARY KEY,
        account_id   TEXT NOT NULL REFERENCES accounts (id),
        created_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      );
      CREATE INDEX console_sessions_account ON console_sessions (account_id);

      -- Append-only. No foreign key on actor_id: the trail outlives what it mentions.
      CREATE TABLE audit_log (
        id          TEXT PRIMARY KEY,
        at          INTEGER NOT NULL,
        actor_id    TEXT,
        action      TEXT NOT NULL,
        target_type TEXT,
        target_id   TEXT,
        ip_hash     TEXT,
        details     TEXT NOT NULL
      );
      CREATE INDEX audit_log_at ON audit_log (at, id);
      CREATE INDEX audit_log_actor ON audit_log (actor_id, at, id);
      CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at, id);
    `,
  },
  {
    version: 3,
    name: 'conversations.unreachable_since',
    sql: `
      -- Set when a send found the patient unreachable (blocked the bot, account deleted);
      -- null while reachable. Cleared by their next committed turn.
      ALTER TABLE conversations ADD COLUMN unreachable_since INTEGER;
    `,
  },
  {
    version: 4,
    name: 'hospital registry, desk tokens and bed refresh status',
    sql: `
      -- names, phones and beds are JSON (beds: kind → count with its own time and source).
      -- desk_token_hash is the sha256 of the token a hospital desk holds: a copy of this
      -- table updates no counts.
      CREATE TABLE hospitals (
        id                   TEXT PRIMARY KEY,
        name                 TEXT NOT NULL,
        names                TEXT NOT NULL,
        region               TEXT,
        district             TEXT,
        city                 TEXT,
        pincode              TEXT,
        address              TEXT,
        phones               TEXT NOT NULL,
        ownership            TEXT CHECK (ownership IN ('government', 'private')),
        category             TEXT,
        lat                  REAL,
        lng                  REAL,
        beds                 TEXT NOT NULL,
        desk_token_hash      TEXT,
        desk_token_issued_at INTEGER,
        created_at           INTEGER NOT NULL,
        updated_at           INTEGER NOT NULL
      );
      CREATE INDEX hospitals_district ON hospitals (district);

      -- One row: bumped by every write to hospitals, so that a process holding the
      -- registry in memory can tell, with one read, that another process changed it.
      CREATE TABLE hospital_revision (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        revision INTEGER NOT NULL
      );
      INSERT INTO hospital_revision (id, revision) VALUES (1, 0);

      -- The last run of each scheduled refresh source (config/beds/sources.yaml).
      CREATE TABLE bed_sources (
        id              TEXT PRIMARY KEY,
        last_attempt_at INTEGER NOT NULL,
        last_success_at INTEGER,
        ok              INTEGER NOT NULL CHECK (ok IN (0, 1)),
        error           TEXT,
        rows            INTEGER NOT NULL,
        imported        INTEGER NOT NULL,
        skipped         INTEGER NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'faq entries with versions; flow publications',
    sql: `
      -- One row per FAQ entry: which version is the latest and which one the bot answers with
      -- (null: a draft). The versions themselves are append-only rows of faq_versions.
      CREATE TABLE faq_entries (
        id                TEXT PRIMARY KEY,
        latest_version    INTEGER NOT NULL,
        published_version INTEGER,
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL
      );
      CREATE TABLE faq_versions (
        entry_id TEXT NOT NULL REFERENCES faq_entries (id),
        version  INTEGER NOT NULL,
        content  TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        actor_id TEXT,
        note     TEXT NOT NULL,
        PRIMARY KEY (entry_id, version)
      );
      -- Bumped by every FAQ write, so that a process holding the search index notices another's import.
      CREATE TABLE faq_revision (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        revision INTEGER NOT NULL
      );
      INSERT INTO faq_revision (id, revision) VALUES (1, 0);

      -- Admin publications of flow versions, oldest first by seq (rows are never deleted, so
      -- the rowid only grows); the newest per flow is live.
      CREATE TABLE flow_publications (
        seq          INTEGER PRIMARY KEY,
        flow_id      TEXT NOT NULL,
        version      TEXT NOT NULL,
        source       TEXT,
        published_at INTEGER NOT NULL,
        actor_id     TEXT,
        note         TEXT NOT NULL,
        FOREIGN KEY (flow_id, version) REFERENCES flow_versions (flow_id, version)
      );
      CREATE INDEX flow_publications_flow ON flow_publications (flow_id, seq);
    `,
  },
  {
    version: 6,
    name: 'hand-off tickets and their timeline; accounts.registration',
    sql: `
      -- A patient waiting for, or talking to, a person (src/handoff/). triage is JSON or null;
      -- emergency is 0/1. assignee_id and closed_by name accounts, without a foreign key:
      -- the record outlives the account.
      CREATE TABLE tickets (
        id                TEXT PRIMARY KEY,
        conversation_id   TEXT NOT NULL REFERENCES conversations (id),
        channel           TEXT NOT NULL,
        queue             TEXT NOT NULL,
        language          TEXT NOT NULL,
        priority          INTEGER NOT NULL,
        reason            TEXT NOT NULL,
        emergency         INTEGER NOT NULL CHECK (emergency IN (0, 1)),
        triage            TEXT,
        state             TEXT NOT NULL CHECK (state IN ('waiting', 'assigned', 'closed')),
        assignee_id       TEXT,
        created_at        INTEGER NOT NULL,
        assigned_at       INTEGER,
        first_assigned_at INTEGER,
        closed_at         INTEGER,
        closed_by         TEXT,
        outcome           TEXT,
        rating            INTEGER,
        updated_at        INTEGER NOT NULL
      );
      -- At most one open ticket per conversation; also how the router finds it.
      CREATE UNIQUE INDEX tickets_open_conversation ON tickets (conversation_id) WHERE state <> 'closed';
      -- The live queue, in queue order.
      CREATE INDEX tickets_queue ON tickets (state, priority DESC, created_at, id);
      CREATE INDEX tickets_assignee ON tickets (assignee_id, state);
      CREATE INDEX tickets_created ON tickets (created_at);
      CREATE INDEX tickets_closed ON tickets (closed_at) WHERE closed_at IS NOT NULL;

      -- Notes (private), replies (their message ids) and who took, passed on or closed a ticket.
      CREATE TABLE ticket_events (
        seq        INTEGER PRIMARY KEY,
        id         TEXT NOT NULL UNIQUE,
        ticket_id  TEXT NOT NULL REFERENCES tickets (id),
        at         INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        actor_id   TEXT,
        text       TEXT,
        message_id TEXT,
        details    TEXT NOT NULL
      );
      CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, seq);

      -- A doctor's registration number, shown with their replies (Telemedicine Practice Guidelines 2020).
      ALTER TABLE accounts ADD COLUMN registration TEXT;
    `,
  },
  {
    version: 7,
    name: 'outbox indexes over pending messages only',
    sql: `
      -- Only pending rows are ever looked up by status, and there are few of them (the
      -- replies being delivered, and those waiting for a retry); sent ones pile up for
      -- ever. Partial indexes stay a few pages small, so a turn's insert and its mark as
      -- sent touch hot pages instead of moving an entry inside an index of every message
      -- ever sent (measured: one of the larger costs of a turn, bench/README.md).
      DROP INDEX outbox_due;
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
      -- What is pending for one patient, oldest first: delivery after every turn reads it.
      CREATE INDEX outbox_pending_user ON outbox (channel, user_id, created_at) WHERE status = 'pending';
      -- Messages given up on: few, counted every sweep (countByStatus) and worth listing.
      CREATE INDEX outbox_dead ON outbox (created_at) WHERE status = 'dead';
    `,
  },
  {
    version: 8,
    name: 'follow-up enrolments, check-ins and tasks',
    sql: `
      -- A patient's daily check-ins (src/followup/). At most one enrolment not ended per conversation.
      CREATE TABLE followup_enrolments (
        id              TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        state           TEXT NOT NULL CHECK (state IN ('active', 'paused', 'ended')),
        slot            TEXT NOT NULL,
        time_zone       TEXT NOT NULL,
        ends_at         INTEGER NOT NULL,
        missed_in_a_row INTEGER NOT NULL,
        end_reason      TEXT,
        enrolled_by     TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        version         INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX followup_enrolments_current ON followup_enrolments (conversation_id) WHERE state <> 'ended';
      CREATE INDEX followup_enrolments_created ON followup_enrolments (state, created_at);

      -- One row per day's check-in; the runner claims a row by a conditional update of (state, version).
      CREATE TABLE followup_checkins (
        id              TEXT PRIMARY KEY,
        enrolment_id    TEXT NOT NULL REFERENCES followup_enrolments (id),
        conversation_id TEXT NOT NULL,
        due_at          INTEGER NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('scheduled', 'running', 'sent', 'answered', 'missed', 'cancelled')),
        version         INTEGER NOT NULL,
        claimed_at      INTEGER,
        reading         TEXT,
        updated_at      INTEGER NOT NULL
      );
      CREATE INDEX followup_checkins_due ON followup_checkins (state, due_at);
      CREATE INDEX followup_checkins_enrolment ON followup_checkins (enrolment_id, due_at);

      -- "Call this patient" and escalation tasks; one per cause.
      CREATE TABLE followup_tasks (
        id              TEXT PRIMARY KEY,
        enrolment_id    TEXT NOT NULL REFERENCES followup_enrolments (id),
        conversation_id TEXT NOT NULL,
        kind            TEXT NOT NULL,
        cause_id        TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        done_at         INTEGER,
        done_by         TEXT,
        UNIQUE (kind, cause_id)
      );
      CREATE INDEX followup_tasks_open ON followup_tasks (done_at, created_at);
    `,
  },
  {
    version: 9,
    name: 'transcripts chained per conversation instead of indexed',
    sql: `
      -- A conversation's transcript is a chain: each message names the one before it in its
      -- conversation (prev_seq) and the conversation its last (last_message_seq), so a turn
      -- only appends rows. The index (conversation_id, at) it replaces took an entry at a
      -- different place for every patient, and split its pages as they filled: 1.9 of the 5.3
      -- WAL frames a turn wrote (bench/README.md). A transcript is read by following the
      -- chain back from its end (messages.ts). This rewrites every message row, in the one
      -- transaction of the migration: about 40 s for 4 million messages on the bench machine.
      ALTER TABLE messages ADD COLUMN prev_seq INTEGER;
      ALTER TABLE conversations ADD COLUMN last_message_seq INTEGER;
      -- The chains of what is stored, in the order transcripts were read in until now (time, then seq).
      UPDATE messages SET prev_seq = chained.prev
      FROM (SELECT seq, lag(seq) OVER (PARTITION BY conversation_id ORDER BY at, seq) AS prev FROM messages) AS chained
      WHERE messages.seq = chained.seq AND chained.prev IS NOT NULL;
      UPDATE conversations SET last_message_seq =
        (SELECT seq FROM messages WHERE conversation_id = conversations.id ORDER BY at DESC, seq DESC LIMIT 1);
      -- Nothing deletes a conversation or changes its id, so no foreign-key check needs
      -- messages by conversation either (one that did would scan the table).
      DROP INDEX messages_conversation_at;
      -- A process still running the version before (it opened the file before this migration)
      -- inserts messages without prev_seq and never moves the end: they are chained here, so
      -- that an upgrade while processes of both versions run loses no message from a
      -- transcript. Fires only for a message with no predecessor named: also a conversation's
      -- first from this version, whose end it sets, which the writer then sets again.
      CREATE TRIGGER messages_chained AFTER INSERT ON messages WHEN NEW.prev_seq IS NULL
      BEGIN
        UPDATE messages SET prev_seq = (SELECT last_message_seq FROM conversations WHERE id = NEW.conversation_id)
          WHERE seq = NEW.seq;
        UPDATE conversations SET last_message_seq = NEW.seq WHERE id = NEW.conversation_id;
      END;
    `,
  },
  {
    version: 10,
    name: 'outbox: why a pending message waits',
    sql: `
      -- Why a pending message waits for next_attempt_at (OutboxWaitReason): 'offline' (its patient
      -- seemed unreachable: their next message lifts the wait) or 'backoff' (the platform asked
      -- for it, or a failed attempt backs off: it holds). Null until a try failed; rows stored
      -- before this migration keep null, and are treated as they were (their wait is lifted).
      -- A column of the row it describes: delivery reads it with the row, no query more per turn.
      ALTER TABLE outbox ADD COLUMN wait_reason TEXT CHECK (wait_reason IN ('offline', 'backoff'));
    `,
  },
];
