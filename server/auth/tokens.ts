import { createHash, randomBytes } from 'node:crypto';
import type { Role, TokenInfo, IssuedToken } from '../../shared/sync';
import type { Sql } from '../store';
import { iso } from '../store/values';

/** Who made a request: the token's holder. */
export interface Principal {
  tokenId: string;
  role: Role;
  reviewerId: string;
  name: string;
}

const TOKEN_PREFIX = 'loupe_';

/**
 * A token is 256 random bits; the database keeps its SHA-256 only (docs/decisions.md: with that much
 * entropy a fast hash cannot be reversed by guessing, and it lets every request find its token by an index).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

interface TokenRow {
  id: string;
  role: Role;
  reviewer_id: string;
  name: string;
  created_at: unknown;
  revoked_at: unknown;
  last_used_at: unknown;
}

function info(row: TokenRow): TokenInfo {
  return {
    id: row.id,
    role: row.role,
    reviewerId: row.reviewer_id,
    name: row.name,
    createdAt: iso(row.created_at)!,
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
  };
}

const COLUMNS = 'id, role, reviewer_id, name, created_at, revoked_at, last_used_at';

export async function issueToken(sql: Sql, request: { role: Role; reviewerId: string; name: string }): Promise<IssuedToken> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const id = `tok_${randomBytes(9).toString('base64url')}`;
  const [row] = await sql.query<TokenRow>(
    `INSERT INTO tokens (id, hash, role, reviewer_id, name) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [id, hashToken(token), request.role, request.reviewerId, request.name],
  );
  return { ...info(row!), token };
}

export async function listTokens(sql: Sql): Promise<TokenInfo[]> {
  return (await sql.query<TokenRow>(`SELECT ${COLUMNS} FROM tokens ORDER BY created_at, id`)).map(info);
}

/** Revokes the token `id` (again is fine); null when there is no such token. */
export async function revokeToken(sql: Sql, id: string): Promise<TokenInfo | null> {
  const [row] = await sql.query<TokenRow>(
    `UPDATE tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
    [id],
  );
  return row ? info(row) : null;
}

/** The holder of a valid, unrevoked token; null for anything else. */
export async function authenticate(sql: Sql, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  // last_used_at is written at most once a minute, so that reading does not mean a write per request.
  const [row] = await sql.query<TokenRow>(
    `UPDATE tokens SET last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < now() - interval '1 minute' THEN now() ELSE last_used_at END
     WHERE hash = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [hashToken(token)],
  );
  return row ? { tokenId: row.id, role: row.role, reviewerId: row.reviewer_id, name: row.name } : null;
}

/** The reviewer id of the coordinator credential made at the first start. */
export const FIRST_COORDINATOR = { reviewerId: 'coordinator', name: 'Coordinator (first start)' } as const;

/**
 * On the very first start, a coordinator token. The `meta` row is claimed with an insert that only one
 * transaction can win, so of several processes starting at once exactly one makes (and prints) it.
 */
export async function bootstrapCoordinator(tx: Sql): Promise<IssuedToken | null> {
  const claimed = await tx.query("INSERT INTO meta (key, value) VALUES ('first-coordinator', now()::text) ON CONFLICT (key) DO NOTHING RETURNING key");
  if (claimed.length === 0) return null;
  return issueToken(tx, { role: 'coordinator', ...FIRST_COORDINATOR });
}
