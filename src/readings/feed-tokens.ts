/**
 * The KPI feed's tokens (report page → Settings): project admins create them (the token is shown once),
 * see them listed (name, who created it and when, revoked or not; never the token) and revoke them.
 * Anyone who can browse the project sees the list is there; only admins see the tokens.
 */
import { webTrigger } from '@forge/api';
import type { FeedTokenInfo, FeedTokensView } from '../shared/contract';
import { createFeedToken as storeToken, listFeedTokens, revokeFeedToken as storeRevoke, TooManyTokensError, type FeedTokenRecord } from '../storage';
import { AppError, currentUser, projectPermissions, requireProject, requireProjectAdmin, type CallContext } from '../kernel';

/** The manifest's webtrigger module key. */
export const KPI_FEED_MODULE = 'kpi-feed';

const info = (r: FeedTokenRecord): FeedTokenInfo => ({
  tokenId: r.tokenId,
  name: r.name,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
  ...(r.revokedAt ? { revokedAt: r.revokedAt } : {}),
  ...(r.revokedBy ? { revokedBy: r.revokedBy } : {}),
});

async function viewOf(projectId: string, canAdminister: boolean): Promise<FeedTokensView> {
  const [tokens, url] = await Promise.all([canAdminister ? listFeedTokens(projectId) : Promise.resolve([]), webTrigger.getUrl(KPI_FEED_MODULE)]);
  return { tokens: tokens.map(info), url, canAdminister };
}

export async function getFeedTokens(ctx: CallContext): Promise<FeedTokensView> {
  const { project } = requireProject(ctx);
  const can = await projectPermissions(ctx.userJira, project.key);
  return viewOf(project.id, can.ADMINISTER_PROJECTS);
}

export async function createFeedToken(ctx: CallContext, payload: { name: string }): Promise<{ token: string; tokenId: string; view: FeedTokensView }> {
  const { project, accountId } = requireProject(ctx);
  await requireProjectAdmin(ctx.userJira, project.key);
  const by = await currentUser(ctx.userJira, accountId);
  try {
    const { token, record } = await storeToken(project.id, payload.name, by);
    return { token, tokenId: record.tokenId, view: await viewOf(project.id, true) };
  } catch (e) {
    if (e instanceof TooManyTokensError) throw new AppError('VALIDATION', e.message);
    throw e;
  }
}

export async function revokeFeedToken(ctx: CallContext, payload: { tokenId: string }): Promise<FeedTokensView> {
  const { project, accountId } = requireProject(ctx);
  await requireProjectAdmin(ctx.userJira, project.key);
  const by = await currentUser(ctx.userJira, accountId);
  if (!(await storeRevoke(project.id, payload.tokenId, by))) throw new AppError('NOT_FOUND', 'This project has no such KPI feed token.');
  return viewOf(project.id, true);
}
