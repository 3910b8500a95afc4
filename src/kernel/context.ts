/**
 * What a resolver may trust about its caller: the account and the module's issue/project, all from the
 * Forge context. Ids in the payload are never used to pick the epic.
 */
import type { JiraGateway } from '../jira';
import { AppError } from './errors';

export interface IssueRef {
  id: string;
  key: string;
}
export interface ProjectRef {
  id: string;
  key: string;
}

export interface CallContext {
  /** Absent for anonymous or app-only calls. */
  accountId?: string;
  issue?: IssueRef;
  project?: ProjectRef;
  /** A dashboard gadget's saved configuration (what its edit view submitted), from Jira's context. */
  gadgetConfiguration?: Record<string, unknown>;
  /** The viewer's time zone (IANA), for "today": sent by the Custom UI, since Forge's context has none. UTC when not sent. */
  timezone: string;
  /** Jira as the invoking user (their permissions apply). */
  userJira: JiraGateway;
  /** Jira as the app: only after a permission check as the user. */
  appJira: JiraGateway;
}

const ref = (raw: unknown): { id: string; key: string } | undefined => {
  const r = raw as { id?: unknown; key?: unknown } | undefined;
  return r && (typeof r.id === 'string' || typeof r.id === 'number') && typeof r.key === 'string' ? { id: String(r.id), key: r.key } : undefined;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function callContextOf(raw: Record<string, unknown>, timezone: string, gateways: Pick<CallContext, 'userJira' | 'appJira'>): CallContext {
  const extension = (raw.extension ?? {}) as Record<string, unknown>;
  const accountId = typeof raw.accountId === 'string' && raw.accountId ? raw.accountId : undefined;
  return {
    ...(accountId ? { accountId } : {}),
    ...(ref(extension.issue) ? { issue: ref(extension.issue) } : {}),
    ...(ref(extension.project) ? { project: ref(extension.project) } : {}),
    ...(isObject(extension.gadgetConfiguration) ? { gadgetConfiguration: extension.gadgetConfiguration } : {}),
    timezone,
    ...gateways,
  };
}

/** The epic of an issue-panel call, with its project. */
export function requireIssue(ctx: CallContext): { issue: IssueRef; project: ProjectRef; accountId: string } {
  if (!ctx.issue || !ctx.project) throw new AppError('NOT_FOUND', 'Open the Production Handoff panel on an epic to do this.');
  return { issue: ctx.issue, project: ctx.project, accountId: requireAccount(ctx) };
}

/** The project of a project-page call (or of the issue of an issue-panel call). */
export function requireProject(ctx: CallContext): { project: ProjectRef; accountId: string } {
  if (!ctx.project) throw new AppError('NOT_FOUND', 'Open this from a Jira project.');
  return { project: ctx.project, accountId: requireAccount(ctx) };
}

function requireAccount(ctx: CallContext): string {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'Log in to Jira to use Production Handoff.');
  return ctx.accountId;
}
