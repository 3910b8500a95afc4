/**
 * Short-lived named locks (e.g. "create workstreams for epic X"), so two presses or a retry do not do
 * the same work twice. The TTL makes a crashed holder harmless: the lock simply expires.
 */
import { kvs } from '@forge/kvs';
import { guarded, isConditionFailure } from './errors';
import { lockKey } from './keys';

interface LockValue {
  owner: string;
  at: string;
}

/** true when this caller now holds the lock; false when someone else does. */
export async function acquireLock(name: string, ttlSeconds: number, owner: string): Promise<boolean> {
  try {
    await kvs.set<LockValue>(lockKey(name), { owner, at: new Date().toISOString() }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } });
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    return guarded('take a lock', () => Promise.reject(e));
  }
}

/** Releases only our own lock: an expired-and-retaken lock belongs to someone else now. */
export async function releaseLock(name: string, owner: string): Promise<void> {
  await guarded('release a lock', async () => {
    const current = await kvs.get<LockValue>(lockKey(name));
    if (current?.owner === owner) await kvs.delete(lockKey(name));
  });
}
