/** The validator's configuration screens only need the defaults from the app; the configuration itself lives in Jira. */
import { DEFAULT_GATE_CONFIG } from '../domain/policy';
import type { Handlers } from '../kernel';

export const gateHandlers = {
  getGateConfigInfo: async () => ({ defaults: { ...DEFAULT_GATE_CONFIG } }),
} satisfies Partial<Handlers>;
