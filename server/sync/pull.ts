import type { ResultEvent } from '../../shared/batch-file';
import type { Change, ChangesPage } from '../../shared/sync';
import type { Principal } from '../auth';
import type { Sql } from '../store';
import { iso } from '../store/values';
import { invalid } from './errors';

/**
 * A cursor is the position in the change log, wrapped so that clients treat it as opaque: its form may
 * change with the protocol while a client only ever gives back what it got.
 */
export function encodeCursor(seq: number): string {
  return Buffer.from(`v1:${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^v1:(\d{1,15})$/u.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalid('the cursor was not made by this server; pull again without a cursor to start from the beginning');
  return Number(match[1]);
}

/**
 * What changed after the cursor, in commit order (server/sync/changes.ts). A coordinator sees every
 * change; a reviewer sees the batches assigned to them and their own events only — not other
 * reviewers' verdicts, so that two reviews stay independent (BRIEF 5: a conflict is two verdicts where
 * neither saw the other).
 */
export async function pullChanges(sql: Sql, principal: Principal, cursor: string | undefined, limit: number): Promise<ChangesPage> {
  const after = decodeCursor(cursor);
  const reviewer = principal.role === 'reviewer' ? principal.reviewerId : null;
  const rows = await sql.query<{ seq: number | string; kind: 'batch' | 'event'; batch_id: string; revision: number | null; at: unknown; event: string | null; received_at: unknown }>(
    `SELECT c.seq, c.kind, c.batch_id, c.revision, c.at, e.event, e.received_at
     FROM changes c LEFT JOIN events e ON e.id = c.event_id
     WHERE c.seq > $1 AND ($3::text IS NULL OR (
       c.batch_id IN (SELECT batch_id FROM batch_reviewers WHERE reviewer_id = $3) AND (c.kind = 'batch' OR c.reviewer_id = $3)))
     ORDER BY c.seq LIMIT $2`,
    [after, limit + 1, reviewer],
  );
  const page = rows.slice(0, limit);
  const changes: Change[] = page.map((r) =>
    r.kind === 'batch'
      ? { kind: 'batch', batchId: r.batch_id, revision: Number(r.revision), at: iso(r.at)! }
      : { kind: 'event', event: JSON.parse(r.event!) as ResultEvent, receivedAt: iso(r.received_at)! },
  );
  const lastSeq = page.length > 0 ? Number(page.at(-1)!.seq) : after;
  return { changes, cursor: encodeCursor(lastSeq), hasMore: rows.length > limit };
}
