/** The handoff record's resolver handlers: each maps a validated payload to a use case and a pure command. */
import * as commands from '../domain/commands';
import { itemKey } from '../domain/item-versions';
import type { Handlers } from '../kernel';
import { changeHandoff } from './change';
import { getHandoffView } from './load';
import { getBrief, getHistory } from './read';
import { assignableUser, deliveryOwner, namedUser } from './users';

export const handoffHandlers = {
  getHandoff: ({ ctx }) => getHandoffView(ctx),
  getHistory: ({ ctx, payload }) => getHistory(ctx, payload),
  getBrief: ({ ctx }) => getBrief(ctx),

  savePilot: ({ payload, ctx }) =>
    changeHandoff(ctx, {
      action: 'savePilot',
      baseVersion: payload.baseVersion,
      apply: async (record) =>
        commands.savePilot(record, {
          plannedCloseDate: payload.plannedCloseDate,
          actualCloseDate: payload.actualCloseDate,
          pilotChampion: await namedUser(ctx.userJira, payload.pilotChampionAccountId, 'pilotChampionAccountId'),
        }),
    }),
  saveCondition: ({ payload, ctx }) =>
    changeHandoff(ctx, { action: 'saveCondition', baseVersion: payload.baseVersion, target: payload.condition.id && itemKey.condition(payload.condition.id), apply: (record, cmd) => commands.upsertCondition(record, payload.condition, cmd) }),
  removeCondition: ({ payload, ctx }) =>
    changeHandoff(ctx, { action: 'removeCondition', baseVersion: payload.baseVersion, target: itemKey.condition(payload.conditionId), apply: (record) => commands.removeCondition(record, payload.conditionId) }),
  decideCondition: ({ payload, ctx }) =>
    changeHandoff(ctx, {
      action: 'decideCondition',
      baseVersion: payload.baseVersion,
      target: itemKey.decision(payload.conditionId),
      apply: (record, cmd) => commands.decideCondition(record, payload.conditionId, payload.decision, cmd),
    }),
  saveMetric: ({ payload, ctx }) =>
    changeHandoff(ctx, { action: 'saveMetric', baseVersion: payload.baseVersion, target: payload.metric.id && itemKey.metric(payload.metric.id), apply: (record, cmd) => commands.upsertMetric(record, payload.metric, cmd) }),
  removeMetric: ({ payload, ctx }) =>
    changeHandoff(ctx, { action: 'removeMetric', baseVersion: payload.baseVersion, target: itemKey.metric(payload.metricId), apply: (record) => commands.removeMetric(record, payload.metricId) }),
  saveKpi: ({ payload, ctx }) =>
    changeHandoff(ctx, { action: 'saveKpi', baseVersion: payload.baseVersion, target: payload.kpi.id && itemKey.kpi(payload.kpi.id), apply: (record, cmd) => commands.upsertKpi(record, payload.kpi, cmd) }),
  removeKpi: ({ payload, ctx }) =>
    changeHandoff(ctx, { action: 'removeKpi', baseVersion: payload.baseVersion, target: itemKey.kpi(payload.kpiId), apply: (record) => commands.removeKpi(record, payload.kpiId) }),
  setOwner: ({ payload, ctx }) =>
    changeHandoff(ctx, {
      action: 'setOwner',
      baseVersion: payload.baseVersion,
      apply: async (record, cmd, loaded) => commands.setOwner(record, await deliveryOwner(ctx.userJira, ctx.appJira, loaded.epic, payload.ownerAccountId, 'ownerAccountId'), cmd),
    }),
  acceptOwnership: ({ payload, ctx }) =>
    // Browse is enough: acceptance is limited to the named owner by the command, and the owner need not edit
    // the epic (a sponsor or a manager from another team often cannot) for their yes to count.
    changeHandoff(ctx, { action: 'acceptOwnership', baseVersion: payload.baseVersion, permission: 'BROWSE_PROJECTS', apply: (record, cmd) => commands.acceptOwnership(record, cmd) }),
  reopenHandoff: ({ payload, ctx }) =>
    changeHandoff(ctx, {
      action: 'reopenHandoff',
      baseVersion: payload.baseVersion,
      apply: (record, cmd, loaded) => commands.reopenHandoff(record, payload.reason, { key: loaded.epic.key, done: loaded.epic.statusCategory === 'done' }, cmd),
    }),
  setWorkstreamLead: ({ payload, ctx }) =>
    changeHandoff(ctx, {
      action: 'setWorkstreamLead',
      baseVersion: payload.baseVersion,
      apply: async (record, _cmd, loaded) =>
        commands.setWorkstreamLead(record, payload.workstream, await assignableUser(ctx.userJira, loaded.epic.projectKey, payload.accountId, 'accountId')),
    }),
} satisfies Partial<Handlers>;
