/**
 * The gate's decision: may this epic move to Done? Pure, so the validator entry point only gathers
 * facts (epic, record, config, settings, today) and returns what this says.
 */
import { isBlankRecord, type HandoffRecord } from './record';
import type { GateConfig, ProjectSettings } from './policy';
import type { MissingAnswer, StatusCategoryKey, WorkstreamFacts } from './readiness-types';
import { readinessOf } from './readiness';
import { clip, continueSentence, undecidedConditionsSentence, type NameListOptions } from './sentences';

export interface GateInput {
  epic: { key: string; isEpic: boolean; labels: string[]; statusCategory: StatusCategoryKey };
  record: HandoffRecord | null;
  config: GateConfig;
  settings: ProjectSettings;
  workstreams?: WorkstreamFacts;
  today: string;
  /**
   * The stored configuration could not be read (see parseGateConfig): `config` is then only the
   * defaults, which may be laxer than what an admin saved, so the gate does not decide with it.
   */
  unreadableConfig?: { problem: string; scopeLabel?: string };
}

export interface GateDecision {
  result: boolean;
  errorMessage?: string;
}

/** Jira shows the message in the transition dialog; beyond this it stops being read. */
export const GATE_MESSAGE_MAX = 600;

/**
 * Only a record that holds something starts a handoff: one emptied by removals leaves the epic as it was.
 * Such a record keeps its issue in scope whatever the type is now, so an epic retyped as a Task
 * (the workflow is shared) cannot slip through Done and come back as a shipped epic. The scope label
 * brings in epics only.
 */
export function isInScope(epic: GateInput['epic'], record: HandoffRecord | null, config: Pick<GateConfig, 'scopeLabel'>): boolean {
  if (!isBlankRecord(record)) return true;
  if (!epic.isEpic) return false;
  const label = config.scopeLabel.trim();
  return label !== '' && epic.labels.includes(label);
}

/** With an unreadable configuration only the scope label may be known; without it, any epic might be in scope. */
function mightBeInScope(epic: GateInput['epic'], record: HandoffRecord | null, scopeLabel: string | undefined): boolean {
  if (!isBlankRecord(record)) return true;
  if (!epic.isEpic) return false;
  return scopeLabel === undefined || isInScope(epic, record, { scopeLabel });
}

export function decideGate(input: GateInput): GateDecision {
  const { epic, record, config, settings, workstreams, today, unreadableConfig } = input;
  if (unreadableConfig) {
    if (!mightBeInScope(epic, record, unreadableConfig.scopeLabel)) return { result: true };
    return { result: false, errorMessage: unreadableConfigMessage(epic.key, unreadableConfig.problem) };
  }
  if (!isInScope(epic, record, config)) return { result: true };
  // The epic is on its way to Done: judge it as it stands now, not as already shipped.
  const readiness = readinessOf({ record, epic: { key: epic.key, statusCategory: 'indeterminate' }, settings, today, workstreams, gate: config });
  if (readiness.missing.length === 0) return { result: true };
  return { result: false, errorMessage: notDecidedMessage(epic.key, readiness.missing, epic.isEpic) };
}

/** `isEpic` false: the issue was retyped after its handoff started, and the panel lives on epics only. */
function notDecidedMessage(key: string, missing: MissingAnswer[], isEpic = true): string {
  // Shrink the name lists step by step until the message fits; the panel has the full picture.
  const attempts: NameListOptions[] = [{ max: 5, clipAt: 40 }, { max: 3, clipAt: 30 }, { max: 1, clipAt: 30 }, { max: 0 }];
  let message = '';
  for (const options of attempts) {
    message = compose(key, missing, options, isEpic);
    if (message.length <= GATE_MESSAGE_MAX) return message;
  }
  return message;
}

function compose(key: string, missing: MissingAnswer[], options: NameListOptions, isEpic: boolean): string {
  // Every question answered: only the close date stands between the epic and Done, which is no decision.
  if (isEpic && missing.every((m) => m.code === 'no-actual-close-date')) {
    return `Production handoff for ${key}: the pilot's actual close date is not recorded. Record it in the Production Handoff panel on ${key} (its header asks for it), then move the epic to Done.`;
  }
  const parts = missing.map((m) => gateClause(m, options));
  const where = isEpic
    ? `Decide them in the Production Handoff panel on ${key}.`
    : `${key} had its handoff started as an epic: change it back to an epic and decide them in the Production Handoff panel.`;
  return `Production handoff for ${key} is not decided: ${parts.join('; ')}. ${where}`;
}

function gateClause(answer: MissingAnswer, options: NameListOptions): string {
  if (answer.code === 'undecided-conditions' && answer.names) {
    return continueSentence(undecidedConditionsSentence(answer.names, options));
  }
  if (answer.code === 'owner-not-accepted') {
    // Starts with the owner's name, which keeps its capital; clipped like the condition names.
    const who = answer.names?.[0];
    const name = who && who !== 'The delivery owner' ? clip(who, options.clipAt ?? 40) : 'the delivery owner';
    return `${name} has not yet accepted delivery ownership`;
  }
  return continueSentence(answer.sentence);
}

function unreadableConfigMessage(key: string, problem: string): string {
  return `Production handoff for ${key} could not be verified: the gate's configuration could not be read (${clip(problem, 200)}). Nothing was changed; a Jira admin can open this validator in the workflow and save its configuration again.`;
}

export function couldNotVerifyMessage(key: string): string {
  return `Production handoff for ${key} could not be verified (the app could not read its records). Nothing was changed; try the transition again in a minute.`;
}
