/**
 * Reads a search split into id-range partitions (src/domain/report-partitions.ts), as the report and the
 * portfolio load (issue 12): several calls side by side, each reading up to PARTITIONS_PER_CALL ranges at
 * once; a range that held more than a page comes back `unfinished` and is read on; ids beyond the first plan
 * are planned while the known ranges are read. More calls at once would mostly add cold starts and Jira
 * rate limiting.
 */
import { PARTITIONS_PER_CALL, type PartitionPlan, type ReportPartition } from '@src/domain/report-partitions';
import type { Result } from '@src/shared/contract';

/** Calls in flight at once: with 10 ranges a call, 5,000 initiatives are the first call and then 5 side by side. */
const CALLS_AT_ONCE = 5;
/** A call Jira refused for the moment (429 beyond the server's own retries, 503) is tried again this often. */
const RETRIES = 2;
const RETRY_DELAY_MS = 1500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withRetries<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  for (let attempt = 0; ; attempt++) {
    const answer = await run();
    if (answer.ok || answer.error.code !== 'JIRA_ERROR' || attempt >= RETRIES) return answer;
    await sleep(RETRY_DELAY_MS * (attempt + 1));
  }
}

export interface PartitionRead<Page extends { unfinished: ReportPartition[] }> {
  /** The plan the first call answered. */
  plan: PartitionPlan;
  /** Plans the ids above `after` (a resolver call). */
  planMore: (after: string) => Promise<Result<{ plan: PartitionPlan; jiraRequests: number }>>;
  /** Reads these ranges (a resolver call). */
  read: (partitions: ReportPartition[]) => Promise<Result<Page>>;
  /** Each page of rows as it arrives. */
  onPage: (page: Page) => void;
  /** Jira requests a plan call made. */
  onPlanned: (jiraRequests: number) => void;
  /** After a page, when more is still coming. */
  onProgress: () => void;
}

/** Reads every range; the first failure (after retries) is answered once the calls in flight are back, else undefined. */
export async function readPartitions<Page extends { unfinished: ReportPartition[] }>(r: PartitionRead<Page>): Promise<Result<never> | undefined> {
  const queue: ReportPartition[] = [...r.plan.partitions];
  let after = r.plan.after;
  let failure: Result<never> | undefined;
  let running = 0;
  await new Promise<void>((done) => {
    const launch = () => {
      if (failure) return running === 0 && done();
      // Ids beyond the first plan: planned while the known ranges are read.
      if (after !== undefined && running < CALLS_AT_ONCE) {
        const from = after;
        after = undefined;
        running += 1;
        void withRetries(() => r.planMore(from)).then((answer) => {
          running -= 1;
          if (!answer.ok) failure = answer;
          else {
            queue.push(...answer.data.plan.partitions);
            after = answer.data.plan.after;
            r.onPlanned(answer.data.jiraRequests);
          }
          launch();
        });
      }
      while (!failure && queue.length > 0 && running < CALLS_AT_ONCE) {
        const partitions = queue.splice(0, PARTITIONS_PER_CALL);
        running += 1;
        void withRetries(() => r.read(partitions)).then((answer) => {
          running -= 1;
          if (!answer.ok) failure = answer;
          else {
            r.onPage(answer.data);
            queue.push(...answer.data.unfinished);
            if (queue.length > 0 || running > 0 || after !== undefined) r.onProgress();
          }
          launch();
        });
      }
      if (running === 0 && (failure || (queue.length === 0 && after === undefined))) done();
    };
    launch();
  });
  return failure;
}
