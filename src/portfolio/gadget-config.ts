/** What the portfolio gadget's edit view saves: its projects or one saved filter. Read from Jira's context, never from the payload. */
import { GadgetConfig } from '../shared/contract';
import { AppError, type CallContext } from '../kernel';

/** What a portfolio call reads: projects by key (a gadget's, or the global page's filter), or a gadget's saved filter. */
export interface PortfolioSelection {
  projectKeys?: string[];
  filterId?: string;
}

/**
 * The selection a call is scoped to: a gadget's saved configuration, or the global page's project filter from
 * the payload. A gadget nobody configured yet says so instead of showing the whole portfolio.
 */
export function selectionOf(ctx: CallContext, payloadKeys: string[] | undefined): PortfolioSelection {
  if (!ctx.gadgetConfiguration) return payloadKeys ? { projectKeys: payloadKeys } : {};
  const parsed = GadgetConfig.safeParse(ctx.gadgetConfiguration);
  if (!parsed.success) throw new AppError('VALIDATION', 'Choose the projects or the saved filter this gadget shows: edit the gadget.');
  return parsed.data.filterId !== undefined ? { filterId: parsed.data.filterId } : { projectKeys: parsed.data.projects };
}
