/**
 * Short-lived named locks (e.g. "create workstreams for epic X"), so two presses or a retry do not do
 * the same work twice. A lock is a `lock` entity with a TTL. Forge deletes expired keys only eventually
 * (documented: up to 48 hours) and reads may still return them, so a lock whose expiry (read as
 * EXPIRE_TIME metadata) has passed counts as free: a crashed or timed-out holder blocks nobody past its
 * TTL. Taking a lock is a conditional transaction on the token of the holder that was seen (or on there
 * being none), so of two takers of the same expired lock exactly one wins.
 */
import { randomUUID } from 'node:crypto';
import { Filter, FilterConditions, kvs, MetadataField } from '@forge/kvs';
import { guarded } from './errors';
import { LOCK_ENTITY, lockKey } from './keys';

interface LockValue {
  /** Who holds it, for diagnostics. */
  owner: string;
  /** Unique per acquisition: what takeovers and releases are conditional on. */
  token: string;
}

/** A lock this caller holds; pass it to releaseLock. */
export interface HeldLock {
  name: string;
  token: string;
}

interface StoredLock {
  value: LockValue;
  expiresAt: number;
}

const entity = () => kvs.entity<LockValue>(LOCK_ENTITY);
const tokenIs = (token: string) => new Filter<LockValue>().and('token', FilterConditions.equalTo(token));

async function readLock(name: string): Promise<StoredLock | null> {
  const found = await entity().get(lockKey(name), { metadataFields: [MetadataField.EXPIRE_TIME] });
  if (!found) return null;
  // Every lock is written with a TTL; one without a readable expiry is treated as held (never steal a live lock).
  const expiresAt = found.expireTime ? Date.parse(found.expireTime) : Number.NaN;
  return { value: found.value, expiresAt: Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt };
}

/** The lock if this caller now holds it; null when someone else holds a lock that has not expired. */
export async function acquireLock(name: string, ttlSeconds: number, owner: string): Promise<HeldLock | null> {
  return guarded('take a lock', async () => {
    const seen = await readLock(name);
    if (seen && seen.expiresAt > Date.now()) return null;
    const token = randomUUID();
    const conditions = seen ? tokenIs(seen.value.token) : new Filter<LockValue>().and('token', FilterConditions.notExists());
    try {
      await kvs
        .transact()
        .set<LockValue>(lockKey(name), { owner: owner.trim() || 'unknown', token }, { entityName: LOCK_ENTITY, conditions }, { ttl: { value: ttlSeconds, unit: 'SECONDS' } })
        .execute();
      return { name, token };
    } catch (e) {
      // Forge documents no error code for a failed condition: what is stored now tells what happened.
      const now = await readLock(name);
      if (now?.value.token === token) return { name, token };
      if (now?.value.token !== seen?.value.token) return null; // someone else took (or freed) it first
      throw e;
    }
  });
}

/** Releases the lock only if it is still ours: an expired-and-retaken lock belongs to someone else now. */
export async function releaseLock(lock: HeldLock): Promise<void> {
  await guarded('release a lock', async () => {
    try {
      await kvs.transact().delete<LockValue>(lockKey(lock.name), { entityName: LOCK_ENTITY, conditions: tokenIs(lock.token) }).execute();
    } catch (e) {
      // The condition fails when the lock is no longer ours: nothing to release then.
      if ((await readLock(lock.name))?.value.token === lock.token) throw e;
    }
  });
}
