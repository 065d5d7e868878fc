import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson } from '../../shared/batch-file/json';
import type { ResultEvent } from '../../shared/batch-file';
import type { PushRequest, PushResponse } from '../../shared/sync';
import type { Principal } from '../auth';
import type { Sql, Store } from '../store';
import { lockChangeLog } from './changes';
import { conflict, forbidden } from './errors';

type Push = z.output<typeof PushRequest>;

/** A push is known by its event ids: the same push sent again carries the same ones. */
function pushDigest(events: readonly ResultEvent[]): string {
  return createHash('sha256').update(events.map((e) => e.id).join('\n'), 'utf8').digest('hex');
}

/**
 * Refuses the whole push when one event is not this principal's to send: a reviewer sends only their own
 * events (its reviewerId is the token's), on items of batches assigned to them, and never an adjudication.
 * A coordinator may send anyone's events (results that came by file) on items the batch has.
 */
async function authorize(tx: Sql, principal: Principal, events: readonly ResultEvent[]): Promise<void> {
  const reviewer = principal.role === 'reviewer';
  for (const e of events) {
    if (reviewer && e.reviewerId !== principal.reviewerId) {
      throw forbidden(`event ${e.id} is by reviewer ${JSON.stringify(e.reviewerId)}, but this token is for ${JSON.stringify(principal.reviewerId)}: a reviewer sends only their own events`);
    }
    if (reviewer && e.action === 'adjudicate') throw forbidden(`event ${e.id} is an adjudication, which only a coordinator makes`);
  }
  const pairs = [...new Map(events.map((e) => [`${e.batchId}\n${e.itemId}`, e])).values()];
  const rows = await tx.query<{ batch_id: string; item_id: string; mine: boolean }>(
    `SELECT t.batch_id, t.item_id,
       ($3::text IS NULL OR EXISTS (
         SELECT 1 FROM batch_reviewers r WHERE r.batch_id = t.batch_id AND r.reviewer_id = $3 AND (r.all_items OR EXISTS (
           SELECT 1 FROM batch_reviewer_items x WHERE x.batch_id = t.batch_id AND x.reviewer_id = $3 AND x.item_id = t.item_id)))) AS mine
     FROM unnest($1::text[], $2::text[]) AS t(batch_id, item_id)
     JOIN items i ON i.batch_id = t.batch_id AND i.id = t.item_id`,
    [pairs.map((e) => e.batchId), pairs.map((e) => e.itemId), reviewer ? principal.reviewerId : null],
  );
  const found = new Map(rows.map((r) => [`${r.batch_id}\n${r.item_id}`, r.mine]));
  for (const e of pairs) {
    const mine = found.get(`${e.batchId}\n${e.itemId}`);
    if (mine === undefined || (reviewer && !mine)) {
      const whose = reviewer ? 'assigned to you' : 'on the server';
      throw forbidden(`event ${e.id} is about item ${JSON.stringify(e.itemId)} of batch ${JSON.stringify(e.batchId)}, which is not ${whose}; nothing of this push was taken`);
    }
  }
}

/**
 * Takes a client's push at most once (docs/sync-protocol.md). The client's last push number is read and
 * written in the same transaction as the events, so a push that committed and lost its answer is
 * recognised when it comes again and is acknowledged with the answer it got the first time. Pushes are
 * taken in order: a gap (push 3 before push 2) is refused with the number expected, so a push that was
 * never taken cannot be passed over. Events are also unique by id, so an event that came before — in
 * another push, from another device, or in a result file the coordinator sent — counts once.
 */
export async function pushEvents(store: Store, principal: Principal, push: Push): Promise<PushResponse> {
  const digest = pushDigest(push.events);
  return store.transaction(async (tx) => {
    await lockChangeLog(tx);
    const [client] = await tx.query<{ reviewer_id: string; last_seq: number | string }>('SELECT reviewer_id, last_seq FROM clients WHERE id = $1', [push.clientId]);
    if (client && client.reviewer_id !== principal.reviewerId) {
      throw forbidden(`client ${push.clientId} belongs to another reviewer; each installation of Loupe makes a client id of its own`);
    }
    const last = client ? Number(client.last_seq) : 0;
    if (push.seq <= last) {
      const [earlier] = await tx.query<{ digest: string; response: string }>('SELECT digest, response FROM pushes WHERE client_id = $1 AND seq = $2', [push.clientId, push.seq]);
      if (earlier?.digest === digest) return { ...(JSON.parse(earlier.response) as PushResponse), repeat: true };
      throw conflict(`push ${push.seq} of client ${push.clientId} was already taken with other events; number new pushes from ${last + 1}`, { expectedSeq: last + 1 });
    }
    if (push.seq !== last + 1) {
      throw conflict(`push ${push.seq} of client ${push.clientId} came before push ${last + 1}; send push ${last + 1} first`, { expectedSeq: last + 1 });
    }
    await authorize(tx, principal, push.events);

    const ids = [...new Set(push.events.map((e) => e.id))];
    const held = new Map(
      (await tx.query<{ id: string; event: string }>('SELECT id, event FROM events WHERE id = ANY($1)', [ids])).map((r) => [r.id, r.event]),
    );
    const fresh: { event: ResultEvent; text: string }[] = [];
    let duplicates = 0;
    const clashes = new Set<string>();
    for (const event of push.events) {
      const text = canonicalJson(event);
      const before = held.get(event.id);
      if (before === undefined) {
        held.set(event.id, text);
        fresh.push({ event, text });
      } else if (before === text) duplicates += 1;
      else clashes.add(event.id);
    }
    if (fresh.length > 0) {
      const col = <T>(f: (x: { event: ResultEvent; text: string }) => T) => fresh.map(f);
      await tx.query(
        `INSERT INTO events (id, batch_id, item_id, reviewer_id, at, status, event)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])`,
        [col((x) => x.event.id), col((x) => x.event.batchId), col((x) => x.event.itemId), col((x) => x.event.reviewerId), col((x) => x.event.at), col((x) => x.event.status), col((x) => x.text)],
      );
      await tx.query(
        `INSERT INTO changes (batch_id, kind, event_id, reviewer_id)
         SELECT batch_id, 'event', event_id, reviewer_id FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(batch_id, event_id, reviewer_id, n) ORDER BY n`,
        [col((x) => x.event.batchId), col((x) => x.event.id), col((x) => x.event.reviewerId)],
      );
    }
    const [{ now }] = (await tx.query<{ now: unknown }>('SELECT now() AS now')) as [{ now: unknown }];
    const response: PushResponse = {
      seq: push.seq,
      repeat: false,
      accepted: fresh.length,
      duplicates,
      clashes: [...clashes],
      receivedAt: now instanceof Date ? now.toISOString() : String(now),
    };
    await tx.query(
      `INSERT INTO clients (id, reviewer_id, last_seq, last_push_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (id) DO UPDATE SET last_seq = $3, last_push_at = now()`,
      [push.clientId, principal.reviewerId, push.seq],
    );
    await tx.query('INSERT INTO pushes (client_id, seq, digest, response) VALUES ($1, $2, $3, $4)', [push.clientId, push.seq, digest, JSON.stringify(response)]);
    return response;
  });
}
