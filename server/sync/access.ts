import type { Principal } from '../auth';
import type { Sql } from '../store';
import { notFound } from './errors';

export interface BatchAccess {
  id: string;
  revision: number;
  /** Null for a coordinator; for a reviewer, whether every item is theirs. */
  allItems: boolean | null;
}

/**
 * The batch as this principal may see it. A reviewer not assigned to it is told it does not exist, the
 * same answer as for a batch that does not: whether a batch exists is itself not theirs to know.
 */
export async function batchFor(sql: Sql, principal: Principal, batchId: string): Promise<BatchAccess> {
  const [row] = await sql.query<{ id: string; revision: number; all_items: boolean | null }>(
    principal.role === 'coordinator'
      ? 'SELECT id, revision, NULL::boolean AS all_items FROM batches WHERE id = $1'
      : `SELECT b.id, b.revision, r.all_items FROM batches b JOIN batch_reviewers r ON r.batch_id = b.id
         WHERE b.id = $1 AND r.reviewer_id = $2`,
    principal.role === 'coordinator' ? [batchId] : [batchId, principal.reviewerId],
  );
  if (!row) throw notFound(`no batch ${JSON.stringify(batchId)}${principal.role === 'reviewer' ? ' is assigned to you' : ''}`);
  return { id: row.id, revision: Number(row.revision), allItems: row.all_items };
}
