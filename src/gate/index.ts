/** The handoff gate (`jira:workflowValidator`) and the one resolver its configuration screens call. */
export { validate, decideTransition, forgeGateSources, type GateSources, type ValidatorArgs, type ValidatorResult } from './validate';
export { gateHandlers } from './config-info';
