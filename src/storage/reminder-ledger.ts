/**
 * The reminders' exactly-once ledger: one `reminder-sent` entity per (reminder item, recipient). A run
 * takes the entries of a message before sending it, and only the run that took them sends:
 *
 * 1. claim: one transaction per 25 entries, each set conditional on the entry not existing (a condition
 *    on the entity, the only kind Forge KVS has). Two overlapping runs cannot both claim an entry: the
 *    transaction is atomic, and the loser reads what is stored to drop the entries the winner holds;
 * 2. Jira's notify;
 * 3. confirm: the entries become `sent`, conditional on this run's token.
 *
 * Nothing here expires. A claim whose Jira outcome is unknown (the run died or storage failed between the
 * notify and the confirmation) stays claimed for good: that reminder may be lost, never sent twice. An
 * expiring claim would turn "unknown" into "send again", and under Forge's TTL an expired key lingers (reads
 * and conditions still see it for up to 48 hours) so expiry could not even be judged without reading its
 * metadata. When Jira refused the message, the claims are released (deleted, conditional on the token) and
 * the next run tries again. What was sent is also written to the epic (domain/reminder-ledger.ts), so a
 * storage reset does not make a run send it again.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { guarded } from './errors';
import { REMINDER_ENTITY, reminderKey } from './keys';

export interface LedgerEntry {
  status: 'claimed' | 'sent';
  /** The run that claimed it: what confirming and releasing are conditional on. */
  token: string;
  at: string;
}

export interface LedgerRef {
  itemKey: string;
  accountId: string;
}

const TX_MAX = 25;
const GET_MAX = 25;
const chunks = <T>(list: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
const ref = (r: LedgerRef) => ({ entityName: REMINDER_ENTITY, key: reminderKey(r.itemKey, r.accountId) });
const tokenIs = (token: string) => new Filter<LedgerEntry>().and('token', FilterConditions.equalTo(token));
const absent = () => new Filter<LedgerEntry>().and('token', FilterConditions.notExists());

/** What the ledger holds for each ref (claimed or sent), keyed by reminderKey; absent refs are left out. */
export async function readLedger(refs: readonly LedgerRef[]): Promise<Map<string, LedgerEntry>> {
  const out = new Map<string, LedgerEntry>();
  for (const part of chunks(refs, GET_MAX)) {
    const result = await guarded('read the reminders ledger', () => kvs.batchGet<LedgerEntry>(part.map(ref)));
    const failed = result.failedKeys.find((f) => f.error?.code !== 'KEY_NOT_FOUND');
    // Not knowing is not "not sent": the caller must not send what it could not check.
    if (failed) throw new Error(`Could not read the reminders ledger: ${failed.error?.message ?? failed.error?.code}`);
    for (const hit of result.successfulKeys) out.set(hit.key, hit.value);
  }
  return out;
}

/**
 * Claims every ref it can for this run; answers the ones claimed. Refs another run holds (or that were
 * sent meanwhile) are left out. Throws when storage fails: nothing unclaimed is ever sent.
 */
export async function claim(refs: readonly LedgerRef[], token: string, at: string): Promise<LedgerRef[]> {
  const claimed: LedgerRef[] = [];
  for (const part of chunks(refs, TX_MAX)) {
    let todo = part;
    // A failed transaction claims none of its entries; what is stored says which were taken by someone else.
    for (let attempt = 0; attempt < 2 && todo.length > 0; attempt++) {
      try {
        let tx = kvs.transact();
        for (const r of todo) tx = tx.set<LedgerEntry>(ref(r).key, { status: 'claimed', token, at }, { entityName: REMINDER_ENTITY, conditions: absent() });
        await guarded('claim reminders', () => tx.execute());
        claimed.push(...todo);
        todo = [];
      } catch (e) {
        const held = await readLedger(todo);
        if (held.size === 0) throw e;
        todo = todo.filter((r) => !held.has(ref(r).key));
      }
    }
  }
  return claimed;
}

/** Marks claimed refs as sent. A ref whose claim is gone (storage reset) is skipped: the epic's copy holds it. */
export async function confirmSent(refs: readonly LedgerRef[], token: string, at: string): Promise<void> {
  await each(refs, token, (tx, r) => tx.set<LedgerEntry>(ref(r).key, { status: 'sent', token, at }, { entityName: REMINDER_ENTITY, conditions: tokenIs(token) }));
}

/** Gives claims back after Jira refused the message, so the next run tries again. */
export async function release(refs: readonly LedgerRef[], token: string): Promise<void> {
  await each(refs, token, (tx, r) => tx.delete(ref(r).key, { entityName: REMINDER_ENTITY, conditions: tokenIs(token) }));
}

type Tx = ReturnType<typeof kvs.transact>;

async function each(refs: readonly LedgerRef[], token: string, op: (tx: Tx, r: LedgerRef) => Tx): Promise<void> {
  for (const part of chunks(refs, TX_MAX)) {
    try {
      await guarded('update the reminders ledger', () => part.reduce((tx, r) => op(tx, r), kvs.transact()).execute());
    } catch (e) {
      // One entry no longer ours fails the whole transaction: do the rest one by one.
      const stored = await readLedger(part);
      const ours = part.filter((r) => stored.get(ref(r).key)?.token === token);
      if (ours.length === part.length) throw e;
      for (const r of ours) await guarded('update the reminders ledger', () => op(kvs.transact(), r).execute());
    }
  }
}
