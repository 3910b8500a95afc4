/**
 * Types of the one readiness computation (implemented in readiness.ts) shared by the panel, the gate,
 * the searchable summary and the report.
 */
import type { KpiMinimums } from './policy';

export const READINESS_LEVELS = ['not-started', 'deciding', 'ready', 'shipped'] as const;
export type ReadinessLevel = (typeof READINESS_LEVELS)[number];

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

/** What readiness needs to know about the epic itself (from Jira), plus "today" so the function stays pure. */
export interface EpicFacts {
  key: string;
  statusCategory: StatusCategoryKey;
  /** YYYY-MM-DD in the viewer's time zone (sent by the Custom UI); UTC for the gate, the trigger and the searchable summary. */
  today: string;
}

export interface ReadinessPolicy {
  kpiMinimums: KpiMinimums;
  /** Ship signal when withdrawn / decided > threshold. */
  shipSignalThreshold: number;
  requireOwnerAcceptance: boolean;
  /** Gate-only policy: every workstream issue must be done. */
  requireWorkstreamsDone: boolean;
  /** Gate-only policy, with requireWorkstreamsDone: every sub-task the app created under them must be done too. */
  requireSubtasksDone: boolean;
}

/** The epic's workstream issues and the sub-tasks the app created under them: how many, how many done. */
export interface WorkstreamFacts {
  total: number;
  done: number;
  subtasksTotal: number;
  subtasksDone: number;
}

export type Question = 'conditions' | 'kpis' | 'owner' | 'workstreams';

/** One missing answer as one human sentence. */
export interface MissingAnswer {
  question: Question;
  code:
    | 'no-conditions'
    | 'undecided-conditions'
    | 'missing-operational-kpi'
    | 'missing-business-kpi'
    | 'no-owner'
    | 'owner-not-accepted'
    | 'workstreams-not-created'
    | 'workstreams-not-done'
    | 'subtasks-not-done';
  sentence: string;
  /** Names involved (e.g. the undecided conditions), for the gate's message. */
  names?: string[];
}

export type KpiFlagKind = 'beyond-next-quarter' | 'review-date-passed';
export interface KpiFlag {
  kpiId: string;
  kpiName: string;
  kind: KpiFlagKind;
  sentence: string;
}

export interface ShipSignal {
  active: boolean;
  withdrawn: number;
  decided: number;
  threshold: number;
  /** Plain words for the panel and report when active. */
  sentence?: string;
}

export interface PilotClock {
  plannedCloseDate?: string;
  actualCloseDate?: string;
  /** Days until the planned close (negative once passed); absent without a date. */
  closesInDays?: number;
  closed: boolean;
  /** Days since the pilot closed while the epic is unshipped or questions are open; 0 before close. */
  purgatoryDays: number;
  /** e.g. "Pilot closes in 12 days, 3 questions open." or "In pilot purgatory for 40 days." */
  sentence?: string;
}

export interface ReadinessCounts {
  conditions: { total: number; decided: number; undecided: number; permanent: number; withdrawn: number };
  kpis: { total: number; agreed: number; operationalAgreed: number; businessAgreed: number };
  pilotMetrics: number;
}

export interface Readiness {
  level: ReadinessLevel;
  /**
   * True when nothing is missing: every question has its answer (and, under the gate's policy, every
   * workstream is done). A shipped epic can be unanswered: it reached Done with questions open.
   */
  answered: boolean;
  missing: MissingAnswer[];
  /** Number of the three questions (conditions, KPIs, owner) still open, 0..3, plus workstreams when policy asks. */
  openQuestions: number;
  counts: ReadinessCounts;
  shipSignal: ShipSignal;
  kpiFlags: KpiFlag[];
  pilot: PilotClock;
}
