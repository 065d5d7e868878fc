import type { Assignment } from '../../shared/coordination';
import { Me, PublishBatchResponse, type PublishBatchRequest } from '../../shared/sync';
import type { Platform } from '../platform';
import { linkBatch, type LoupeDatabase } from '../storage';
import { ServerApi, SyncProblem } from '../sync';
import type { DeskData } from './desk-data';

/** Publishing 100,000 items is one large request: give it time. */
const PUBLISH_TIMEOUT_MS = 10 * 60_000;

export type PublishOutcome = { ok: true; outcome: PublishBatchResponse['outcome']; revision: number } | { ok: false; message: string; notCoordinator?: true };

/**
 * Publishes the batch as this desk would hand it out — its current items, split among the planned
 * reviewers — to the sync server, then links it here: from now on the results collected on this desk go
 * to the server, and what reviewers push comes back by pull. Each reviewer's id must be the one their
 * token was issued for.
 */
export async function publishToServer(db: LoupeDatabase, platform: Platform, data: DeskData, assignments: readonly Assignment[]): Promise<PublishOutcome> {
  const connection = await platform.connection();
  if (connection.url === null) return { ok: false, message: 'No sync server is set: add one in Settings.' };
  const api = new ServerApi(platform.serverRequest, PUBLISH_TIMEOUT_MS);
  try {
    const me = await api.call(Me, { method: 'GET', path: '/v1/me' });
    if (me.role !== 'coordinator') return { ok: false, message: 'Only a coordinator’s token may publish batches.', notCoordinator: true };
    const items = data.items
      .filter((item) => !data.withdrawn.has(item.id))
      .map(({ batchId: _batchId, ...line }, seq) => ({ ...line, seq }));
    const instructions = data.batch.instructions;
    const body: PublishBatchRequest = {
      batch: data.batch,
      schema: data.schema,
      ...(instructions ? { instructions } : {}),
      reviewers: assignments.map((a) => ({ id: a.reviewer.id, name: a.reviewer.name, itemIds: a.itemIds })),
      items,
    };
    const answer = await api.call(PublishBatchResponse, { method: 'POST', path: '/v1/batches', body });
    await linkBatch(db, { batchId: data.batch.id, server: connection.url, role: 'coordinator', reviewer: { id: me.reviewerId, name: me.name }, revision: answer.revision });
    return { ok: true, outcome: answer.outcome, revision: answer.revision };
  } catch (error) {
    if (error instanceof SyncProblem) return { ok: false, message: error.message };
    throw error;
  }
}
