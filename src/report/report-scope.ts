/**
 * What every report call does before its own searches, with as few round trips one after another as the
 * platform allows (issue 12): the caller's browse permission, the project's issue types (Jira) and the
 * settings with the epic types the report found last time (one KVS batch) go out at once; with remembered
 * types the call's searches start as soon as storage answers, instead of after Jira's answer on the types.
 * Jira's answer still decides: when the types changed (a site renamed or added a level-1 type) the searches
 * run again with the new ones and the new list is remembered, so a remembered list never decides which
 * epics are shown. The permission decides first: a refusal wins over any other failure, and nothing is
 * answered (or written) before it.
 */
import { isoToday } from '../domain/dates';
import type { ProjectSettings } from '../domain/policy';
import { loadReportFacts, rememberEpicTypeIds } from '../storage';
import { requireProject, requireProjectPermission, type CallContext } from '../kernel';
import { epicTypeIdsOf, searchEarly, searchWithEpicTypes } from '../jira';
import { reportScope } from './report-search';

export interface ScopedRead<T> {
  settings: ProjectSettings;
  today: string;
  /** What `search` found; null when the project has no epic-level type (nothing can be an initiative). */
  found: T | null;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
const valueOf = <T>(s: Settled<T>): T => {
  if (!s.ok) throw s.error;
  return s.value;
};

/** Runs `search` with the report's JQL condition (no ORDER BY) for this call's project. Search only: no writes. */
export async function withReportScope<T>(ctx: CallContext, search: (scope: string) => Promise<T>): Promise<ScopedRead<T>> {
  const { project } = requireProject(ctx);
  const allowed = settle(requireProjectPermission(ctx.userJira, project.key, 'BROWSE_PROJECTS'));
  const types = settle(ctx.userJira.projectIssueTypes(project.id));
  const facts = await settle(loadReportFacts(project.id));
  const early = facts.ok ? searchEarly(facts.value.epicTypeIds, (ids) => search(reportScope(project.id, facts.value.settings.initiativeLabel, ids))) : undefined;

  valueOf(await allowed);
  const { settings } = valueOf(facts);
  const epicTypeIds = epicTypeIdsOf(valueOf(await types));
  const today = isoToday(new Date(), ctx.timezone);
  if (epicTypeIds.length === 0) return { settings, today, found: null };
  const found = await searchWithEpicTypes(early, epicTypeIds, (ids) => search(reportScope(project.id, settings.initiativeLabel, ids)), (ids) => rememberEpicTypeIds(project.id, ids));
  return { settings, today, found };
}
