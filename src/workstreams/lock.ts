/**
 * Serialises workstream creation per epic. A second press (or a second user) waits briefly for the
 * first to finish rather than failing: once it holds the lock, the marker search sees what the first
 * one created, so it creates nothing twice.
 */
import { acquireLock, releaseLock } from '../storage';

/** Longer than Forge's 25 s invocation limit, so a live holder never loses its lock. */
export const LOCK_TTL_SECONDS = 30;
const POLL_MS = 250;
/** Well inside Forge's 25 s invocation budget, leaving time for the creation itself. */
const WAIT_MS = 10_000;

export class LockBusyError extends Error {
  override readonly name = 'LockBusyError';
}

export async function withEpicLock<T>(epicId: string, owner: string, work: () => Promise<T>): Promise<T> {
  const name = `workstreams:${epicId}`;
  const deadline = Date.now() + WAIT_MS;
  let held = await acquireLock(name, LOCK_TTL_SECONDS, owner);
  while (!held) {
    if (Date.now() >= deadline) throw new LockBusyError('Workstream issues are being created by someone else; refresh in a moment.');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    held = await acquireLock(name, LOCK_TTL_SECONDS, owner);
  }
  try {
    return await work();
  } finally {
    // A failed release only delays the next creator until the lock expires (an expired lock counts as free).
    await releaseLock(held).catch(() => undefined);
  }
}
