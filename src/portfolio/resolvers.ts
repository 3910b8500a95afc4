/** The portfolio's resolver handlers (global page and dashboard gadget contexts). */
import type { Handlers } from '../kernel';
import { getPortfolioFlow } from './get-portfolio-flow';
import { getPortfolioPage } from './get-portfolio-page';
import { getPortfolioPlan } from './get-portfolio-plan';
import { getPortfolioRows } from './get-portfolio-rows';
import { getPortfolioStart } from './get-portfolio-start';
import { selectionOf } from './gadget-config';
import { getGadgetChoices } from './get-gadget-choices';

export const portfolioHandlers = {
  getPortfolioPage: ({ ctx, payload }) => getPortfolioPage(ctx, { nextPageToken: payload.nextPageToken, maxPages: payload.maxPages, ...selectionOf(ctx, payload.projectKeys) }),
  getPortfolioStart: ({ ctx, payload }) => getPortfolioStart(ctx, selectionOf(ctx, payload.projectKeys)),
  getPortfolioPlan: ({ ctx, payload }) => getPortfolioPlan(ctx, { after: payload.after, ...selectionOf(ctx, payload.projectKeys) }),
  getPortfolioRows: ({ ctx, payload }) => getPortfolioRows(ctx, { partitions: payload.partitions, ...selectionOf(ctx, payload.projectKeys) }),
  getPortfolioFlow: ({ ctx, payload }) => getPortfolioFlow(ctx, selectionOf(ctx, payload.projectKeys)),
  getGadgetChoices: ({ ctx, payload }) => getGadgetChoices(ctx, payload),
} satisfies Partial<Handlers>;
