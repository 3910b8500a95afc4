import crypto from 'node:crypto';
import type { Database } from '../db';
import { JIRA_TABLES } from './schema';
import { insertFilter } from './filters';
import { addValidatorRule } from './workflow-rules';

/**
 * The demo site: project AIP "AI Pilots" with AI-initiative epics, five people and the handoff gate on Done;
 * two more projects, CLM "Claims Automation" and SUP "Support Copilot", where the same people hold other
 * roles (Val Viewer cannot see CLM; Priya Raman cannot see SUP), for portfolio views across projects; and an
 * empty project OPS.
 */

export const SEED_PROJECT = { id: '10000', key: 'AIP', name: 'AI Pilots' } as const;
export const DEMO_PROJECTS = {
  claims: { id: '10001', key: 'CLM', name: 'Claims Automation' },
  support: { id: '10002', key: 'SUP', name: 'Support Copilot' },
} as const;
/**
 * An empty company-managed project, so issues can be moved between projects (Jira's Move). Its
 * roles differ from AIP's on purpose: Val Viewer and Marcus Webb are not members, so a moved issue
 * leaves their sight. It has no workflow validator.
 */
export const SECOND_PROJECT = { id: '10003', key: 'OPS', name: 'Operations' } as const;

export const ISSUE_TYPE_IDS = { epic: '10000', task: '10001', story: '10002', bug: '10003', subtask: '10004' } as const;
export const STATUS_IDS = { toDo: '10000', inProgress: '10001', done: '10002' } as const;
export const TRANSITION_IDS = { toDo: '11', inProgress: '21', done: '31' } as const;
export const ROLE_IDS = { administrators: '10002', members: '10003', viewers: '10004' } as const;
export const SCOPE_LABEL = 'ai-initiative';

/** Keys of the seeded issues, named by the part they play in demos and tests. */
export const SEED_KEYS = {
  /** Claims triage: most answers recorded, close to ready. */
  nearlyReady: 'AIP-1',
  /** Contract clause extraction: most pilot conditions withdrawn (the ship signal). */
  mostlyWithdrawn: 'AIP-2',
  /** Support reply drafting: nothing recorded yet, still To Do. */
  untouched: 'AIP-3',
  /** Demand forecasting: pilot closed long ago, questions still open, no change for a month (stalled). */
  stalled: 'AIP-4',
  /** Invoice anomaly detection: every answer decided, owner accepted: ready to ship. */
  ready: 'AIP-5',
  /** Meeting-notes summarizer: shipped, epic Done. */
  shipped: 'AIP-6',
  /** An ordinary epic without the scope label. */
  unlabelledEpic: 'AIP-7',
  /** A level-0 task sharing the workflow. */
  story: 'AIP-8',
} as const;

/** Deterministic Atlassian-style account id (24 hex characters) for a seeded e-mail address. */
export function seedAccountId(email: string): string {
  return crypto.createHash('sha256').update(`production-handoff:${email}`).digest('hex').slice(0, 24);
}

export const SEED_USERS = [
  { email: 'admin@example.com', name: 'Avery Admin', role: ROLE_IDS.administrators, siteAdmin: true, tz: 'Europe/London' },
  { email: 'lead@example.com', name: 'Lee Lead', role: ROLE_IDS.members, siteAdmin: false, tz: 'America/New_York' },
  { email: 'viewer@example.com', name: 'Val Viewer', role: ROLE_IDS.viewers, siteAdmin: false, tz: 'Europe/Berlin' },
  { email: 'priya@example.com', name: 'Priya Raman', role: ROLE_IDS.members, siteAdmin: false, tz: 'Asia/Kolkata' },
  { email: 'marcus@example.com', name: 'Marcus Webb', role: ROLE_IDS.members, siteAdmin: false, tz: 'America/Chicago' },
] as const;

export const SEED_ACCOUNTS = {
  admin: seedAccountId('admin@example.com'),
  lead: seedAccountId('lead@example.com'),
  viewer: seedAccountId('viewer@example.com'),
  priya: seedAccountId('priya@example.com'),
  marcus: seedAccountId('marcus@example.com'),
} as const;

/** Who holds which role in CLM and SUP (absent = no access to that project). */
export const DEMO_PROJECT_ROLES: Record<string, Partial<Record<keyof typeof SEED_ACCOUNTS, string>>> = {
  [DEMO_PROJECTS.claims.key]: { admin: ROLE_IDS.administrators, priya: ROLE_IDS.administrators, lead: ROLE_IDS.members, marcus: ROLE_IDS.viewers },
  [DEMO_PROJECTS.support.key]: { admin: ROLE_IDS.administrators, marcus: ROLE_IDS.administrators, lead: ROLE_IDS.members, viewer: ROLE_IDS.viewers },
};

const ROLE_PERMISSIONS: Record<string, string[]> = {
  [ROLE_IDS.viewers]: ['BROWSE_PROJECTS'],
  [ROLE_IDS.members]: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'ASSIGN_ISSUES', 'ASSIGNABLE_USER', 'MOVE_ISSUES'],
  [ROLE_IDS.administrators]: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'ASSIGN_ISSUES', 'ASSIGNABLE_USER', 'MOVE_ISSUES', 'DELETE_ISSUES', 'ADMINISTER_PROJECTS'],
};

function adf(...paragraphs: string[]) {
  return JSON.stringify({
    type: 'doc',
    version: 1,
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  });
}

interface SeedIssue {
  key: string; type: string; summary: string; description: string; status: string; assignee: string | null;
  reporter: string; labels: string[]; created: string; updated: string; resolved?: string;
}

const SEED_ISSUES: SeedIssue[] = [
  {
    key: SEED_KEYS.nearlyReady, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.inProgress,
    summary: 'Claims triage assistant: move from pilot to production',
    description: adf(
      'The pilot routed 1,200 first-notice-of-loss claims through a triage model and cut handling time by a third.',
      'It ran with direct read access to the claims database and a weekly sponsor review. Before the pilot closes we decide which of those stay.',
    ),
    assignee: SEED_ACCOUNTS.priya, reporter: SEED_ACCOUNTS.lead, labels: [SCOPE_LABEL, 'claims'],
    created: '2026-06-02T09:15:00.000Z', updated: '2026-11-20T14:05:00.000Z',
  },
  {
    key: SEED_KEYS.mostlyWithdrawn, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.inProgress,
    summary: 'Contract clause extraction for procurement',
    description: adf(
      'Extracts indemnity, termination and renewal clauses from supplier contracts for the procurement team.',
      'The pilot borrowed legal reviewers two days a week and a vendor sandbox outside the normal security review.',
    ),
    assignee: SEED_ACCOUNTS.marcus, reporter: SEED_ACCOUNTS.lead, labels: [SCOPE_LABEL, 'procurement'],
    created: '2026-05-11T10:00:00.000Z', updated: '2026-11-12T16:30:00.000Z',
  },
  {
    key: SEED_KEYS.untouched, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.toDo,
    summary: 'Customer-support reply drafting (GenAI)',
    description: adf('Agents get a drafted reply for common tickets; the pilot measured acceptance rate in one support queue.'),
    assignee: null, reporter: SEED_ACCOUNTS.admin, labels: [SCOPE_LABEL, 'support'],
    created: '2026-09-01T08:30:00.000Z', updated: '2026-09-01T08:30:00.000Z',
  },
  {
    key: SEED_KEYS.stalled, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.inProgress,
    summary: 'Demand forecasting model for regional warehouses',
    description: adf(
      'A weekly demand forecast per SKU and warehouse. The pilot beat the spreadsheet baseline on forecast accuracy in two regions.',
      'The pilot team has been reassigned; nobody has taken the integration with the replenishment system.',
    ),
    assignee: SEED_ACCOUNTS.lead, reporter: SEED_ACCOUNTS.lead, labels: [SCOPE_LABEL, 'supply-chain'],
    created: '2026-02-16T11:45:00.000Z', updated: '2026-07-03T09:10:00.000Z',
  },
  {
    key: SEED_KEYS.ready, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.inProgress,
    summary: 'Invoice anomaly detection',
    description: adf('Flags duplicate and out-of-pattern supplier invoices before payment. Finance ops ran the pilot on last year\'s data.'),
    assignee: SEED_ACCOUNTS.priya, reporter: SEED_ACCOUNTS.marcus, labels: [SCOPE_LABEL, 'finance'],
    created: '2026-07-20T13:00:00.000Z', updated: '2026-11-18T10:20:00.000Z',
  },
  {
    key: SEED_KEYS.shipped, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.done,
    summary: 'Meeting-notes summarizer for sales',
    description: adf('Summarizes customer calls into the CRM. Shipped to all sales regions with an agreed adoption KPI.'),
    assignee: SEED_ACCOUNTS.lead, reporter: SEED_ACCOUNTS.admin, labels: [SCOPE_LABEL, 'sales'],
    created: '2026-03-03T09:00:00.000Z', updated: '2026-10-01T15:00:00.000Z', resolved: '2026-10-01T15:00:00.000Z',
  },
  {
    key: SEED_KEYS.unlabelledEpic, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.inProgress,
    summary: 'Q3 platform upgrades',
    description: adf('Database and runtime upgrades for the internal platform. Not an AI initiative.'),
    assignee: SEED_ACCOUNTS.marcus, reporter: SEED_ACCOUNTS.admin, labels: ['platform'],
    created: '2026-07-01T09:00:00.000Z', updated: '2026-11-02T11:00:00.000Z',
  },
  {
    key: SEED_KEYS.story, type: ISSUE_TYPE_IDS.task, status: STATUS_IDS.inProgress,
    summary: 'Refresh the pilot demo environment',
    description: adf('Rebuild the demo environment with this quarter\'s anonymised data for the steering committee.'),
    assignee: SEED_ACCOUNTS.lead, reporter: SEED_ACCOUNTS.lead, labels: ['demo'],
    created: '2026-11-03T09:00:00.000Z', updated: '2026-11-19T09:00:00.000Z',
  },
];

/** CLM and SUP: epics (initiatives in several states, one ordinary epic) and tasks under them. */
interface DemoIssue extends SeedIssue { parent?: string }

export const DEMO_KEYS = {
  claimsFraud: 'CLM-1', claimsIntake: 'CLM-2', claimsSubrogation: 'CLM-3', claimsNotes: 'CLM-4', claimsPortal: 'CLM-5',
  supportReplies: 'SUP-1', supportRouting: 'SUP-2', supportBot: 'SUP-3', supportKnowledge: 'SUP-4',
} as const;

const DEMO_ISSUES: Record<string, DemoIssue[]> = {
  [DEMO_PROJECTS.claims.key]: [
    {
      key: DEMO_KEYS.claimsFraud, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.inProgress,
      summary: 'Fraud signal scoring for motor claims',
      description: adf('Scores new motor claims for fraud signals so investigators see the riskiest first. The pilot ran on one region\'s claims for eight weeks.'),
      assignee: SEED_ACCOUNTS.priya, reporter: SEED_ACCOUNTS.admin, labels: [SCOPE_LABEL, 'fraud'],
      created: '2026-04-07T09:00:00.000Z', updated: '2026-11-16T10:30:00.000Z',
    },
    {
      key: DEMO_KEYS.claimsIntake, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.done,
      summary: 'Claim form intake with document understanding',
      description: adf('Reads scanned claim forms into the claims system. Shipped to every region after the pilot.'),
      assignee: SEED_ACCOUNTS.lead, reporter: SEED_ACCOUNTS.priya, labels: [SCOPE_LABEL, 'intake'],
      created: '2026-01-12T09:00:00.000Z', updated: '2026-08-28T16:00:00.000Z', resolved: '2026-08-28T16:00:00.000Z',
    },
    {
      key: DEMO_KEYS.claimsSubrogation, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.toDo,
      summary: 'Subrogation opportunity finder',
      description: adf('Finds paid claims where a third party may be liable. Pilot planned for next quarter.'),
      assignee: null, reporter: SEED_ACCOUNTS.priya, labels: [SCOPE_LABEL, 'recovery'],
      created: '2026-10-05T09:00:00.000Z', updated: '2026-10-05T09:00:00.000Z',
    },
    {
      key: DEMO_KEYS.claimsNotes, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.inProgress,
      summary: 'Adjuster note summarisation',
      description: adf('Summarises long adjuster notes for handovers between adjusters. The pilot closed in the summer; nobody has picked it up since.'),
      assignee: SEED_ACCOUNTS.lead, reporter: SEED_ACCOUNTS.lead, labels: [SCOPE_LABEL, 'adjusters'],
      created: '2026-03-02T09:00:00.000Z', updated: '2026-07-10T09:00:00.000Z',
    },
    {
      key: DEMO_KEYS.claimsPortal, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.inProgress,
      summary: 'Claims portal redesign',
      description: adf('New layout for the customer claims portal. Not an AI initiative.'),
      assignee: SEED_ACCOUNTS.marcus, reporter: SEED_ACCOUNTS.admin, labels: ['portal'],
      created: '2026-09-01T09:00:00.000Z', updated: '2026-11-10T09:00:00.000Z',
    },
    {
      key: 'CLM-6', type: ISSUE_TYPE_IDS.task, status: STATUS_IDS.done, parent: DEMO_KEYS.claimsFraud,
      summary: 'Label 500 historic fraud cases', description: adf('Ground truth for the scoring model.'),
      assignee: SEED_ACCOUNTS.lead, reporter: SEED_ACCOUNTS.priya, labels: [],
      created: '2026-04-14T09:00:00.000Z', updated: '2026-05-20T09:00:00.000Z', resolved: '2026-05-20T09:00:00.000Z',
    },
    {
      key: 'CLM-7', type: ISSUE_TYPE_IDS.task, status: STATUS_IDS.inProgress, parent: DEMO_KEYS.claimsFraud,
      summary: 'Load-test the scoring service', description: adf('Peak claim volume after a storm is ten times the daily average.'),
      assignee: SEED_ACCOUNTS.priya, reporter: SEED_ACCOUNTS.priya, labels: [],
      created: '2026-10-20T09:00:00.000Z', updated: '2026-11-16T10:30:00.000Z',
    },
  ],
  [DEMO_PROJECTS.support.key]: [
    {
      key: DEMO_KEYS.supportReplies, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.inProgress,
      summary: 'Suggested replies in the agent workspace',
      description: adf('Suggests a first reply for agents in the help desk. The pilot ran in the billing queue.'),
      assignee: SEED_ACCOUNTS.marcus, reporter: SEED_ACCOUNTS.marcus, labels: [SCOPE_LABEL, 'agents'],
      created: '2026-05-18T09:00:00.000Z', updated: '2026-11-19T15:00:00.000Z',
    },
    {
      key: DEMO_KEYS.supportRouting, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.done,
      summary: 'Ticket routing classifier',
      description: adf('Routes incoming tickets to the right queue. In production since the autumn.'),
      assignee: SEED_ACCOUNTS.lead, reporter: SEED_ACCOUNTS.admin, labels: [SCOPE_LABEL, 'routing'],
      created: '2026-02-02T09:00:00.000Z', updated: '2026-09-30T12:00:00.000Z', resolved: '2026-09-30T12:00:00.000Z',
    },
    {
      key: DEMO_KEYS.supportBot, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.toDo,
      summary: 'Self-service answer bot for the help centre',
      description: adf('Answers common questions in the help centre before a ticket is raised.'),
      assignee: null, reporter: SEED_ACCOUNTS.marcus, labels: [SCOPE_LABEL, 'self-service'],
      created: '2026-10-26T09:00:00.000Z', updated: '2026-10-26T09:00:00.000Z',
    },
    {
      key: DEMO_KEYS.supportKnowledge, type: ISSUE_TYPE_IDS.epic, status: STATUS_IDS.inProgress,
      summary: 'Knowledge base clean-up',
      description: adf('Retire outdated articles before the help centre move. Not an AI initiative.'),
      assignee: SEED_ACCOUNTS.lead, reporter: SEED_ACCOUNTS.marcus, labels: ['knowledge-base'],
      created: '2026-08-03T09:00:00.000Z', updated: '2026-11-04T09:00:00.000Z',
    },
    {
      key: 'SUP-5', type: ISSUE_TYPE_IDS.task, status: STATUS_IDS.inProgress, parent: DEMO_KEYS.supportReplies,
      summary: 'Collect 200 rated replies from the billing queue', description: adf('Agents rate each suggestion they used.'),
      assignee: SEED_ACCOUNTS.lead, reporter: SEED_ACCOUNTS.marcus, labels: [],
      created: '2026-09-07T09:00:00.000Z', updated: '2026-11-19T15:00:00.000Z',
    },
    {
      key: 'SUP-6', type: ISSUE_TYPE_IDS.task, status: STATUS_IDS.done, parent: DEMO_KEYS.supportRouting,
      summary: 'Review escalation rules with team leads', description: adf('Misrouted urgent tickets go straight to a person.'),
      assignee: SEED_ACCOUNTS.marcus, reporter: SEED_ACCOUNTS.admin, labels: [],
      created: '2026-06-01T09:00:00.000Z', updated: '2026-07-15T09:00:00.000Z', resolved: '2026-07-15T09:00:00.000Z',
    },
  ],
};

/**
 * Saved filters of the demo site: one Avery shared with every logged-in user, across AIP and SUP (what a
 * dashboard gadget can show instead of whole projects), and one of Priya's she shared with nobody.
 */
export const DEMO_FILTERS = {
  customerFacing: {
    id: 10000, name: 'Customer-facing AI', ownerId: SEED_ACCOUNTS.admin,
    description: 'AI initiatives customers meet directly, across AI Pilots and Support Copilot.',
    jql: 'project in (AIP, SUP) AND labels in (support, sales, agents, self-service) ORDER BY key ASC',
    shares: [{ type: 'loggedin' as const }],
  },
  priyaPrivate: {
    id: 10001, name: 'My claims initiatives', ownerId: SEED_ACCOUNTS.priya,
    jql: 'project = CLM AND assignee = currentUser()',
    shares: [],
  },
} as const;

export function isJiraEmpty(db: Database): boolean {
  return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n === 0;
}

/**
 * Seeds the demo site when the database holds no Jira data; otherwise leaves it alone.
 * `demoProjects: false` seeds AIP alone (unit tests whose queries span the whole site).
 */
export function seedJira(db: Database, opts: { demoProjects?: boolean } = {}): void {
  if (!isJiraEmpty(db)) return;
  db.transaction(() => {
    const insertUser = db.prepare('INSERT INTO users (account_id, email, display_name, active, time_zone, site_admin) VALUES (?, ?, ?, 1, ?, ?)');
    for (const u of SEED_USERS) insertUser.run(seedAccountId(u.email), u.email, u.name, u.tz, u.siteAdmin ? 1 : 0);

    const insertProject = db.prepare(`INSERT INTO projects (id, key, name, description, project_type_key, style, lead_account_id, issue_counter)
      VALUES (?, ?, ?, ?, 'software', 'classic', ?, 0)`);
    insertProject.run(SEED_PROJECT.id, SEED_PROJECT.key, SEED_PROJECT.name, 'AI initiatives moving from pilot to production.', SEED_ACCOUNTS.lead);
    insertProject.run(SECOND_PROJECT.id, SECOND_PROJECT.key, SECOND_PROJECT.name, 'Run-the-business work.', SEED_ACCOUNTS.admin);

    const insertType = db.prepare('INSERT INTO issue_types (id, name, description, subtask, hierarchy_level, icon) VALUES (?, ?, ?, ?, ?, ?)');
    insertType.run(ISSUE_TYPE_IDS.epic, 'Epic', 'A big user story that needs to be broken down.', 0, 1, 'epic');
    insertType.run(ISSUE_TYPE_IDS.task, 'Task', 'A small, distinct piece of work.', 0, 0, 'task');
    insertType.run(ISSUE_TYPE_IDS.story, 'Story', 'Functionality or a feature expressed as a user goal.', 0, 0, 'story');
    insertType.run(ISSUE_TYPE_IDS.bug, 'Bug', 'A problem or error.', 0, 0, 'bug');
    insertType.run(ISSUE_TYPE_IDS.subtask, 'Sub-task', 'A small piece of work that is part of a larger task.', 1, -1, 'subtask');

    const insertCategory = db.prepare('INSERT INTO status_categories (id, key, name, color_name) VALUES (?, ?, ?, ?)');
    insertCategory.run(2, 'new', 'To Do', 'blue-gray');
    insertCategory.run(4, 'indeterminate', 'In Progress', 'yellow');
    insertCategory.run(3, 'done', 'Done', 'green');

    const insertStatus = db.prepare('INSERT INTO statuses (id, name, description, category_id) VALUES (?, ?, ?, ?)');
    insertStatus.run(STATUS_IDS.toDo, 'To Do', 'Work that has not started.', 2);
    insertStatus.run(STATUS_IDS.inProgress, 'In Progress', 'Work that is under way.', 4);
    insertStatus.run(STATUS_IDS.done, 'Done', 'Work that is finished.', 3);

    const insertTransition = db.prepare('INSERT INTO transitions (id, name, to_status_id) VALUES (?, ?, ?)');
    insertTransition.run(TRANSITION_IDS.toDo, 'To Do', STATUS_IDS.toDo);
    insertTransition.run(TRANSITION_IDS.inProgress, 'In Progress', STATUS_IDS.inProgress);
    insertTransition.run(TRANSITION_IDS.done, 'Done', STATUS_IDS.done);

    const insertRole = db.prepare('INSERT INTO project_roles (id, name) VALUES (?, ?)');
    insertRole.run(ROLE_IDS.administrators, 'Administrators');
    insertRole.run(ROLE_IDS.members, 'Members');
    insertRole.run(ROLE_IDS.viewers, 'Viewers');
    const insertPermission = db.prepare('INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)');
    for (const [role, permissions] of Object.entries(ROLE_PERMISSIONS)) for (const p of permissions) insertPermission.run(role, p);
    const insertMember = db.prepare('INSERT INTO role_members (project_id, role_id, account_id) VALUES (?, ?, ?)');
    for (const u of SEED_USERS) insertMember.run(SEED_PROJECT.id, u.role, seedAccountId(u.email));
    insertMember.run(SECOND_PROJECT.id, ROLE_IDS.administrators, SEED_ACCOUNTS.admin);
    insertMember.run(SECOND_PROJECT.id, ROLE_IDS.members, SEED_ACCOUNTS.lead);
    insertMember.run(SECOND_PROJECT.id, ROLE_IDS.members, SEED_ACCOUNTS.priya);

    const insertIssue = db.prepare(`INSERT INTO issues (id, key, project_id, num, issuetype_id, summary, description, status_id,
      assignee_id, reporter_id, labels, parent_id, created, updated, resolutiondate)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`);
    SEED_ISSUES.forEach((issue, index) => {
      const num = Number(issue.key.split('-')[1]);
      insertIssue.run(10000 + index, issue.key, SEED_PROJECT.id, num, issue.type, issue.summary, issue.description, issue.status,
        issue.assignee, issue.reporter, JSON.stringify(issue.labels), issue.created, issue.updated, issue.resolved ?? null);
    });
    db.prepare('UPDATE projects SET issue_counter = ? WHERE id = ?').run(SEED_ISSUES.length, SEED_PROJECT.id);

    // On the project's one workflow, shared by every issue type: Jira runs a transition's validators for
    // whatever type takes it (an epic retyped as a Task still meets the gate), so the rule names no type.
    addValidatorRule(db, {
      projectId: SEED_PROJECT.id,
      issueTypeId: null,
      transitionId: TRANSITION_IDS.done,
      moduleKey: 'production-handoff-gate',
      configuration: { scopeLabel: SCOPE_LABEL },
    });

    if (opts.demoProjects !== false) seedDemoProjects(db);
  })();
}

/** CLM and SUP, after AIP: their own leads, role holders, issues (ids from 10100 and 10200) and the gate on Done. */
function seedDemoProjects(db: Database): void {
  const insertProject = db.prepare(`INSERT INTO projects (id, key, name, description, project_type_key, style, lead_account_id, issue_counter)
    VALUES (?, ?, ?, ?, 'software', 'classic', ?, ?)`);
  const insertMember = db.prepare('INSERT INTO role_members (project_id, role_id, account_id) VALUES (?, ?, ?)');
  const insertIssue = db.prepare(`INSERT INTO issues (id, key, project_id, num, issuetype_id, summary, description, status_id,
    assignee_id, reporter_id, labels, parent_id, created, updated, resolutiondate)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const leads: Record<string, string> = { [DEMO_PROJECTS.claims.key]: SEED_ACCOUNTS.priya, [DEMO_PROJECTS.support.key]: SEED_ACCOUNTS.marcus };
  const descriptions: Record<string, string> = {
    [DEMO_PROJECTS.claims.key]: 'AI initiatives of the claims operations team.',
    [DEMO_PROJECTS.support.key]: 'AI initiatives of customer support.',
  };
  [DEMO_PROJECTS.claims, DEMO_PROJECTS.support].forEach((project, p) => {
    const issues = DEMO_ISSUES[project.key];
    insertProject.run(project.id, project.key, project.name, descriptions[project.key], leads[project.key], issues.length);
    for (const [who, role] of Object.entries(DEMO_PROJECT_ROLES[project.key])) insertMember.run(project.id, role, SEED_ACCOUNTS[who as keyof typeof SEED_ACCOUNTS]);
    const idOf = new Map(issues.map((issue, i) => [issue.key, 10100 + p * 100 + i]));
    for (const issue of issues) {
      insertIssue.run(idOf.get(issue.key), issue.key, project.id, Number(issue.key.split('-')[1]), issue.type, issue.summary, issue.description, issue.status,
        issue.assignee, issue.reporter, JSON.stringify(issue.labels), issue.parent ? idOf.get(issue.parent) : null, issue.created, issue.updated, issue.resolved ?? null);
    }
    addValidatorRule(db, {
      projectId: project.id,
      issueTypeId: null,
      transitionId: TRANSITION_IDS.done,
      moduleKey: 'production-handoff-gate',
      configuration: { scopeLabel: SCOPE_LABEL },
    });
  });
  for (const f of Object.values(DEMO_FILTERS)) insertFilter(db, { ...f, shares: [...f.shares] });
}

/** Empties every Jira table and seeds the demo site again. */
export function resetJira(db: Database): void {
  db.transaction(() => {
    for (const table of JIRA_TABLES) db.prepare(`DELETE FROM ${table}`).run();
    db.prepare(`DELETE FROM sqlite_sequence WHERE name = 'workflow_validators'`).run();
  })();
  seedJira(db);
}
