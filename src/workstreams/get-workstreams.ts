/** getWorkstreams: the epic's workstream issues with live status, found by one marker search as the user. */
import type { WorkstreamsView } from '../shared/contract';
import { loadRecord, loadSettings } from '../storage';
import { requireIssuePermission } from '../permissions';
import { requireIssue, type CallContext } from '../resolvers/context';
import { findWorkstreams } from './find-existing';
import { workstreamsView } from './view';

export async function getWorkstreams(ctx: CallContext): Promise<WorkstreamsView> {
  const { issue, project } = requireIssue(ctx);
  const can = await requireIssuePermission(ctx.userJira, issue.key, 'BROWSE_PROJECTS');
  const [found, stored, settings] = await Promise.all([findWorkstreams(ctx.userJira, issue), loadRecord(issue.id), loadSettings(project.id)]);
  return workstreamsView({ found, settings, leads: stored?.record.ownership.workstreamLeads ?? {}, canCreate: can.CREATE_ISSUES === true });
}
