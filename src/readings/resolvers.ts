/** KPI readings' resolver handlers: the panel adds and reads them; the report's Settings manage feed tokens. */
import type { Handlers } from '../kernel';
import { addKpiReading } from './add-reading';
import { getKpiReadings } from './get-readings';
import { createFeedToken, getFeedTokens, revokeFeedToken } from './feed-tokens';

export const readingHandlers = {
  addKpiReading: ({ ctx, payload }) => addKpiReading(ctx, payload),
  getKpiReadings: ({ ctx, payload }) => getKpiReadings(ctx, payload),
  getFeedTokens: ({ ctx }) => getFeedTokens(ctx),
  createFeedToken: ({ ctx, payload }) => createFeedToken(ctx, payload),
  revokeFeedToken: ({ ctx, payload }) => revokeFeedToken(ctx, payload),
} satisfies Partial<Handlers>;
