/**
 * getReadinessTrail: one page of the project's audit trail of the last 12 weeks, as the readiness each
 * event left an initiative at (and when the readiness policy changed). Only those 12 weeks are read, by
 * key prefix (storage's auditWindowPage), however long the trail is; the page holds only the initiatives
 * the caller can browse now (one bulk permission check as the caller per page).
 */
import { z } from 'zod';
import type { AuditEntry } from '../domain/record';
import { AuditReadiness } from '../domain/flow-history';
import { settingsChangeMovesLevels, TREND_DAYS, type TrailPoint } from '../domain/readiness-trend';
import type { ReadinessTrailPage } from '../shared/contract';
import { auditWindowPage } from '../storage';
import { AppError, requireProject, requireProjectPermission, type CallContext } from '../kernel';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a page's cursor holds: the start of the window (fixed by the first page) and where to read on. */
const TrailCursor = z.object({ since: z.iso.datetime(), prefix: z.number().int().min(0).max(1000), cursor: z.string().max(900).optional() }).strict();
type TrailCursor = z.infer<typeof TrailCursor>;

const encode = (c: TrailCursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(cursor: string): TrailCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = TrailCursor.safeParse(parsed);
  if (!result.success) throw new AppError('VALIDATION', 'This is not a page of the readiness trail; start again from the first page.');
  return result.data;
}

export async function getReadinessTrail(ctx: CallContext, payload: { cursor?: string }): Promise<ReadinessTrailPage> {
  const { project } = requireProject(ctx);
  await requireProjectPermission(ctx.userJira, project.key, 'BROWSE_PROJECTS');
  const from = payload.cursor ? decode(payload.cursor) : { since: new Date(Date.now() - TREND_DAYS * DAY_MS).toISOString(), prefix: 0 };
  const page = await auditWindowPage(project.id, from.since, from);
  const points = page.entries.flatMap(pointOf);
  const browsable = points.length ? await ctx.userJira.issuesWithPermission([...new Set(points.map((p) => p.issueId))], 'BROWSE_PROJECTS') : new Set<string>();
  return {
    since: from.since,
    points: points.filter((p) => browsable.has(p.issueId)),
    policyChanges: page.entries.filter((e) => !e.issueId && Array.isArray(e.changes) && settingsChangeMovesLevels(e.changes)).map((e) => e.at),
    ...(page.next ? { nextCursor: encode({ since: from.since, ...page.next }) } : {}),
    storageReads: page.reads,
  };
}

/** An initiative's entry as a trail point; a readiness that does not read as one is left out, never guessed. */
function pointOf(e: AuditEntry): TrailPoint[] {
  if (!e.issueId) return [];
  const readiness = AuditReadiness.safeParse(e.readiness);
  return [{ issueId: e.issueId, at: e.at, ...(readiness.success ? { readiness: readiness.data } : {}) }];
}
