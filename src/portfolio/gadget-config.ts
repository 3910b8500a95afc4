/** What the portfolio gadget's edit view saves: the projects it shows. Read from Jira's context, never from the payload. */
import { z } from 'zod';
import { ProjectKeys } from '../shared/contract';
import { AppError, type CallContext } from '../kernel';

export const GadgetConfig = z.object({ projects: ProjectKeys }).loose();

/**
 * The project keys a call is scoped to: a gadget's saved configuration, or the global page's filter from
 * the payload. A gadget nobody configured yet says so instead of showing the whole portfolio.
 */
export function projectKeysOf(ctx: CallContext, payloadKeys: string[] | undefined): string[] | undefined {
  if (!ctx.gadgetConfiguration) return payloadKeys;
  const parsed = GadgetConfig.safeParse(ctx.gadgetConfiguration);
  if (!parsed.success) throw new AppError('VALIDATION', 'Choose the projects this gadget shows: edit the gadget.');
  return parsed.data.projects;
}
