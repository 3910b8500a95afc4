/** The portfolio's resolver handlers (global page and dashboard gadget contexts). */
import type { Handlers } from '../kernel';
import { getPortfolioFlow } from './get-portfolio-flow';
import { getPortfolioPage } from './get-portfolio-page';
import { projectKeysOf } from './gadget-config';

export const portfolioHandlers = {
  getPortfolioPage: ({ ctx, payload }) => getPortfolioPage(ctx, { ...payload, projectKeys: projectKeysOf(ctx, payload.projectKeys) }),
  getPortfolioFlow: ({ ctx, payload }) => getPortfolioFlow(ctx, { projectKeys: projectKeysOf(ctx, payload.projectKeys) }),
} satisfies Partial<Handlers>;
