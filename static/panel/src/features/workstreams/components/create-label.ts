/** The words of the Workstreams tab's create button and progress, from what creating now would add. */
import type { WorkstreamsView } from '@src/shared/contract';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Create workstream issues and 17 sub-tasks", "Create 3 missing sub-tasks"; undefined when nothing is missing. */
export function createLabel(missing: WorkstreamsView['missing']): string | undefined {
  if (missing.workstreams > 0) return missing.subtasks > 0 ? `Create workstream issues and ${count(missing.subtasks, 'sub-task')}` : 'Create workstream issues';
  if (missing.subtasks > 0) return `Create ${count(missing.subtasks, 'missing sub-task')}`;
  return undefined;
}

/** "12 of 19 sub-tasks done". */
export const subtaskProgress = (done: number, total: number): string => `${done} of ${count(total, 'sub-task')} done`;
