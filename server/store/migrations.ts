import type { Sql, Store } from './types';

/**
 * The schema, as ordered migrations. Each runs once, in order, recorded in `schema_migrations`; a
 * released migration is never edited, a change is a new one at the end.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'tokens, batches, events, change log',
    // Documents (batches, items, events) are kept as canonical JSON text, not jsonb: jsonb refuses the
    // escape \u0000, which untrusted AI output may hold, and text keeps exactly what was received.
    sql: `
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);

      -- Only the SHA-256 of a token is kept (docs/decisions.md).
      CREATE TABLE tokens (
        id text PRIMARY KEY,
        hash text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('coordinator', 'reviewer')),
        reviewer_id text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used_at timestamptz
      );

      -- Bad tokens by client address, shared by every server process.
      CREATE TABLE auth_failures (
        address text PRIMARY KEY,
        failures integer NOT NULL,
        last_at timestamptz NOT NULL,
        blocked_until timestamptz
      );

      CREATE TABLE batches (
        id text PRIMARY KEY,
        revision integer NOT NULL,
        batch text NOT NULL,
        schema text NOT NULL,
        instructions text,
        content_sha256 text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      );

      -- all_items: the reviewer has every item; otherwise batch_reviewer_items lists theirs.
      CREATE TABLE batch_reviewers (
        batch_id text NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        reviewer_id text NOT NULL,
        name text NOT NULL,
        all_items boolean NOT NULL,
        PRIMARY KEY (batch_id, reviewer_id)
      );
      CREATE INDEX batch_reviewers_reviewer ON batch_reviewers (reviewer_id);

      CREATE TABLE batch_reviewer_items (
        batch_id text NOT NULL,
        reviewer_id text NOT NULL,
        item_id text NOT NULL,
        PRIMARY KEY (batch_id, reviewer_id, item_id),
        FOREIGN KEY (batch_id, reviewer_id) REFERENCES batch_reviewers (batch_id, reviewer_id) ON DELETE CASCADE
      );

      -- Items a newer revision drops stay (withdrawn), like in the app: no work is deleted.
      CREATE TABLE items (
        batch_id text NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        id text NOT NULL,
        seq integer NOT NULL,
        item text NOT NULL,
        withdrawn boolean NOT NULL DEFAULT false,
        PRIMARY KEY (batch_id, id)
      );
      CREATE INDEX items_order ON items (batch_id, seq);

      CREATE TABLE events (
        id text PRIMARY KEY,
        batch_id text NOT NULL REFERENCES batches (id),
        item_id text NOT NULL,
        reviewer_id text NOT NULL,
        at timestamptz NOT NULL,
        status text NOT NULL,
        event text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX events_by_item ON events (batch_id, item_id, reviewer_id, at, id);

      -- Each client's last push, so that a repeat is recognised in the same transaction as its effect.
      CREATE TABLE clients (
        id text PRIMARY KEY,
        reviewer_id text NOT NULL,
        last_seq bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_push_at timestamptz
      );
      CREATE TABLE pushes (
        client_id text NOT NULL REFERENCES clients (id),
        seq bigint NOT NULL,
        digest text NOT NULL,
        response text NOT NULL,
        PRIMARY KEY (client_id, seq)
      );

      -- What pull returns, in commit order (writers serialise on an advisory lock: server/sync/changes.ts).
      CREATE TABLE changes (
        seq bigserial PRIMARY KEY,
        batch_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('batch', 'event')),
        event_id text,
        reviewer_id text,
        revision integer,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX changes_by_batch ON changes (batch_id, seq);
    `,
  },
];

/** Advisory lock keys: any constant bigint, the same in every process of this code. */
export const LOCKS = { migrations: 7_364_001, changeLog: 7_364_002 } as const;

/**
 * Brings the schema up to date in one transaction. The transaction first takes an advisory lock, so
 * when several server processes start at once one migrates and the others wait and then find nothing
 * left to do (PostgreSQL's DDL is transactional: a migration that fails leaves nothing behind).
 * `then` runs in the same transaction, after the migrations, under the same lock.
 */
export async function migrate<T>(store: Store, then: (tx: Sql) => Promise<T>): Promise<{ applied: number[]; result: T }> {
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.migrations]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    const newest = Math.max(0, ...done);
    const known = MIGRATIONS.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new Error(`the database was migrated by a newer Loupe (schema version ${newest}; this one knows up to ${known}) — update Loupe`);
    }
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return { applied, result: await then(tx) };
  });
}
