/** The portfolio's resolver handlers (global page and dashboard gadget contexts). */
import type { Handlers } from '../kernel';
import { getPortfolioFlow } from './get-portfolio-flow';
import { getPortfolioPage } from './get-portfolio-page';
import { getPortfolioPlan } from './get-portfolio-plan';
import { getPortfolioRows } from './get-portfolio-rows';
import { getPortfolioStart } from './get-portfolio-start';
import { projectKeysOf } from './gadget-config';

export const portfolioHandlers = {
  getPortfolioPage: ({ ctx, payload }) => getPortfolioPage(ctx, { ...payload, projectKeys: projectKeysOf(ctx, payload.projectKeys) }),
  getPortfolioStart: ({ ctx, payload }) => getPortfolioStart(ctx, { projectKeys: projectKeysOf(ctx, payload.projectKeys) }),
  getPortfolioPlan: ({ ctx, payload }) => getPortfolioPlan(ctx, { after: payload.after, projectKeys: projectKeysOf(ctx, payload.projectKeys) }),
  getPortfolioRows: ({ ctx, payload }) => getPortfolioRows(ctx, { partitions: payload.partitions, projectKeys: projectKeysOf(ctx, payload.projectKeys) }),
  getPortfolioFlow: ({ ctx, payload }) => getPortfolioFlow(ctx, { projectKeys: projectKeysOf(ctx, payload.projectKeys) }),
} satisfies Partial<Handlers>;
