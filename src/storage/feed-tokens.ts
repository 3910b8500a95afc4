/**
 * KPI feed tokens: a monitoring or BI system posts readings to the app's web trigger with one. A project
 * admin creates a token and sees it once; only its SHA-256 is stored (a 256-bit random token needs no slow
 * hash: nothing can be guessed from it), so the web trigger looks a token up with one read of
 * `feed-token:<hash>`. Revoking keeps both keys, marked revoked, so a revoked token is told apart from a
 * wrong one (403 rather than 401). Creating and revoking are audited in the project's trail, in the same
 * transaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import { kvs, WhereConditions } from '@forge/kvs';
import type { AuditEntry, UserRef } from '../domain/record';
import { guarded } from './errors';
import { auditKey, feedTokenInfoKey, feedTokenInfoPrefix, feedTokenKey } from './keys';

export interface FeedTokenRecord {
  tokenId: string;
  projectId: string;
  name: string;
  hash: string;
  createdAt: string;
  createdBy: UserRef;
  revokedAt?: string;
  revokedBy?: UserRef;
}

/** What `feed-token:<hash>` holds: enough for the web trigger to decide. */
export interface FeedTokenLookup {
  tokenId: string;
  projectId: string;
  name: string;
  revoked: boolean;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A token looks like `phk_` and 43 base64url characters; anything else is not one of ours. */
const TOKEN_SHAPE = /^phk_[A-Za-z0-9_-]{43}$/;
export const isTokenShaped = (token: string): boolean => TOKEN_SHAPE.test(token);

const TOKENS_MAX = 20;

export async function createFeedToken(projectId: string, name: string, by: UserRef): Promise<{ token: string; record: FeedTokenRecord }> {
  const existing = await listFeedTokens(projectId);
  if (existing.filter((t) => !t.revokedAt).length >= TOKENS_MAX) throw new TooManyTokensError(TOKENS_MAX);
  const token = `phk_${randomBytes(32).toString('base64url')}`;
  const tokenId = randomBytes(6).toString('hex');
  const at = new Date().toISOString();
  const record: FeedTokenRecord = { tokenId, projectId, name, hash: hashToken(token), createdAt: at, createdBy: by };
  const audit = auditOf(projectId, at, by, 'createFeedToken', `${by.displayName} created the KPI feed token "${name}"`, tokenId, { to: `created (${name})` });
  await guarded('save the KPI feed token', () =>
    kvs
      .transact()
      .set(feedTokenKey(record.hash), { tokenId, projectId, name, revoked: false } satisfies FeedTokenLookup)
      .set(feedTokenInfoKey(projectId, tokenId), record)
      .set(auditKey(projectId, at, `feed-token-${tokenId}`, 1), audit)
      .execute(),
  );
  return { token, record };
}

export async function listFeedTokens(projectId: string): Promise<FeedTokenRecord[]> {
  return guarded('read the KPI feed tokens', async () => {
    const out: FeedTokenRecord[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith(feedTokenInfoPrefix(projectId))).limit(100);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<FeedTokenRecord>();
      out.push(...page.results.map((r) => r.value));
      cursor = page.nextCursor;
    } while (cursor);
    return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  });
}

/** Marks the token revoked; false when the project has no such token. Revoking twice keeps the first stamp. */
export async function revokeFeedToken(projectId: string, tokenId: string, by: UserRef): Promise<boolean> {
  const record = await guarded('read the KPI feed token', () => kvs.get<FeedTokenRecord>(feedTokenInfoKey(projectId, tokenId)));
  if (!record || record.projectId !== projectId) return false;
  if (record.revokedAt) return true;
  const at = new Date().toISOString();
  const audit = auditOf(projectId, at, by, 'revokeFeedToken', `${by.displayName} revoked the KPI feed token "${record.name}"`, tokenId, { from: 'active', to: 'revoked' });
  await guarded('revoke the KPI feed token', () =>
    kvs
      .transact()
      .set(feedTokenKey(record.hash), { tokenId, projectId, name: record.name, revoked: true } satisfies FeedTokenLookup)
      .set(feedTokenInfoKey(projectId, tokenId), { ...record, revokedAt: at, revokedBy: by })
      .set(auditKey(projectId, at, `feed-token-${tokenId}`, 2), audit)
      .execute(),
  );
  return true;
}

/** The token's project and state, or null for a token that was never created (or has the wrong shape). */
export async function findFeedToken(token: string): Promise<FeedTokenLookup | null> {
  if (!isTokenShaped(token)) return null;
  const found = await guarded('read the KPI feed token', () => kvs.get<FeedTokenLookup>(feedTokenKey(hashToken(token))));
  return found ?? null;
}

function auditOf(projectId: string, at: string, by: UserRef, action: string, summary: string, tokenId: string, change: { from?: string; to?: string }): AuditEntry {
  return { version: 1, at, by, action, summary, changes: [{ field: `KPI feed token ${tokenId}`, ...change }], projectId };
}

export class TooManyTokensError extends Error {
  override readonly name = 'TooManyTokensError';
  constructor(readonly max: number) {
    super(`A project has at most ${max} active KPI feed tokens: revoke one first.`);
  }
}
