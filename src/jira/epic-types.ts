/**
 * Epic-level issue types, and searching with them before Jira has said which they are. The report (per
 * project) and the portfolio (site-wide) remember the type ids they found last time and start their
 * searches with those at once, beside the request for Jira's answer, which still decides: a search made
 * with other ids than Jira's is dropped (its failure too), run again with Jira's, and Jira's ids are
 * remembered. So a remembered list saves a round trip and never decides which issues are shown.
 */
import type { IssueTypeMeta } from './types';

/** The ids of the epic-level (hierarchy level 1) issue types, each once. */
export function epicTypeIdsOf(types: readonly IssueTypeMeta[]): string[] {
  return [...new Set(types.filter((t) => t.hierarchyLevel === 1 && !t.subtask).map((t) => t.id))];
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** A search started with remembered epic type ids, before Jira's answer on the types. */
export interface EarlySearch<T> {
  ids: readonly string[];
  found: Promise<T>;
}

/** Starts `search` with the remembered ids, when there are any; its outcome counts only if Jira's ids are the same. */
export function searchEarly<T>(remembered: readonly string[] | null | undefined, search: (epicTypeIds: readonly string[]) => Promise<T>): EarlySearch<T> | undefined {
  if (!remembered?.length) return undefined;
  const found = search(remembered);
  // Awaited only if it counts: a failure with types Jira no longer has must not be an unhandled rejection.
  found.catch(() => undefined);
  return { ids: remembered, found };
}

/**
 * What `search` finds with Jira's epic type ids: the early search's outcome when it used the same ids
 * (its failure is the call's then), else a new search, while Jira's ids are remembered for the next call
 * (a failure to remember costs only that round trip next time, so it is logged, not thrown).
 */
export async function searchWithEpicTypes<T>(
  early: EarlySearch<T> | undefined,
  epicTypeIds: string[],
  search: (epicTypeIds: readonly string[]) => Promise<T>,
  remember: (epicTypeIds: string[]) => Promise<unknown>,
): Promise<T> {
  if (early && sameIds(early.ids, epicTypeIds)) return early.found;
  const [found] = await Promise.all([
    search(epicTypeIds),
    remember(epicTypeIds).catch((e: unknown) => console.warn('Could not remember the epic types; the next call searches after Jira\'s answer again.', e)),
  ]);
  return found;
}
