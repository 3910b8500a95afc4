/** getGadgetChoices: what a portfolio gadget's edit view offers, asked of Jira as the user (only what they may browse or see). */
import type { GadgetChoices } from '../shared/contract';
import { AppError, type CallContext } from '../kernel';

export async function getGadgetChoices(ctx: CallContext, payload: { kind: 'projects' | 'filters'; query?: string }): Promise<GadgetChoices> {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'Log in to Jira to use Production Handoff.');
  const query = payload.query || undefined;
  if (payload.kind === 'projects') return { projects: await ctx.userJira.searchProjects(query), filters: [] };
  return { projects: [], filters: await ctx.userJira.searchFilters(query) };
}
