/**
 * The report of a big project is read in partitions: disjoint ranges of issue ids, each searched on its
 * own (`id >= from AND id < to`, ordered by id), so many can be read at once instead of paging one query
 * through 50 sequential requests (issue 12). The ranges are planned from the ids the search finds (one
 * ids-only request answers up to 5,000), so each holds about one search page of initiatives, and together
 * they cover the id line without a gap or an overlap: every initiative that exists while the report loads
 * lands in exactly one of them, whichever order they are read in. The last range has no end, so an
 * initiative created meanwhile (a new id is the highest) is read too, once.
 */

/** Issue ids `>= from` and, unless it is the last range, `< to` (decimal strings, as Jira gives ids). */
export interface ReportPartition {
  from: string;
  to?: string;
}

/** What a plan covers: its partitions, and `after` when ids beyond its last partition are not planned yet. */
export interface PartitionPlan {
  partitions: ReportPartition[];
  /** Plan the ids above this one next (they were more than one ids request returned). */
  after?: string;
}

/** Initiatives per partition: one search page (Jira's maximum when fields are asked for). */
export const PARTITION_SIZE = 100;
/**
 * Partitions one report call reads, one page each: at most 1,000 rows, about 0.6 MB (a row is 0.5-3 KB),
 * well inside Forge's 5 MB response; they are searched at once within the call.
 */
export const PARTITIONS_PER_CALL = 10;

const ID = /^\d{1,15}$/;

export function isIssueId(value: string): boolean {
  return ID.test(value);
}

/** The id after `id` (ids are below 2^53: Number is exact). */
export function nextId(id: string): string {
  if (!isIssueId(id)) throw new Error(`Not an issue id: ${id}`);
  return String(Number(id) + 1);
}

/**
 * Partitions for `ids` (ascending, every one above `after`), starting right after `after` (or at the
 * first id when nothing was read before), `size` ids each. `complete`: the ids are all there are, so the
 * last partition is left open; otherwise it ends after the last id and `after` says where to plan next.
 */
export function planPartitions(ids: readonly string[], opts: { after?: string; complete: boolean; size?: number }): PartitionPlan {
  const size = opts.size ?? PARTITION_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new Error(`Partition size must be a positive whole number, got ${size}`);
  for (let i = 0; i < ids.length; i++) {
    if (!isIssueId(ids[i])) throw new Error(`Not an issue id: ${ids[i]}`);
    if (i > 0 && Number(ids[i]) <= Number(ids[i - 1])) throw new Error('Issue ids must be ascending and distinct');
  }
  if (opts.after !== undefined && ids.length > 0 && Number(ids[0]) <= Number(opts.after)) throw new Error(`Issue id ${ids[0]} is not after ${opts.after}`);
  if (ids.length === 0) {
    // Nothing to plan: an incomplete answer with no ids cannot happen (Jira pages are never empty before the end).
    return { partitions: [] };
  }
  const start = opts.after !== undefined ? nextId(opts.after) : ids[0];
  const partitions: ReportPartition[] = [];
  for (let i = 0; i < ids.length; i += size) {
    const from = i === 0 ? start : ids[i];
    const following = ids[i + size];
    if (following !== undefined) partitions.push({ from, to: following });
    else partitions.push(opts.complete ? { from } : { from, to: nextId(ids[ids.length - 1]) });
  }
  return opts.complete ? { partitions } : { partitions, after: ids[ids.length - 1] };
}

/** Whether `id` falls in the partition. */
export function inPartition(p: ReportPartition, id: string): boolean {
  const n = Number(id);
  return n >= Number(p.from) && (p.to === undefined || n < Number(p.to));
}

/** The JQL condition of a partition, to add to the report's own condition (validated: ids only). */
export function partitionClause(p: ReportPartition): string {
  if (!isIssueId(p.from) || (p.to !== undefined && !isIssueId(p.to))) throw new Error(`Not a partition of issue ids: ${JSON.stringify(p)}`);
  return p.to === undefined ? `id >= ${p.from}` : `id >= ${p.from} AND id < ${p.to}`;
}
