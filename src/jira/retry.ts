/**
 * Retry policy for Jira calls: 429 (rate limited) and 503 (transient) are retried, honouring
 * Retry-After, within the invocation's 25 s budget. Everything else is answered at once.
 */
import type { TransportResponse } from './transport';

export interface RetryPolicy {
  maxTries: number;
  /** Wait when Jira sends no Retry-After: base × 2^(try-1). */
  baseDelayMs: number;
  /** Never wait longer than this for one retry (a long Retry-After means give up, not hang). */
  maxDelayMs: number;
  /** Total time we may spend waiting across retries; Forge stops the invocation at 25 s. */
  budgetMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxTries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  budgetMs: 15_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

const isRetryable = (status: number): boolean => status === 429 || status === 503;

/** Retry-After as seconds (or an HTTP date) → milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before try number `nextTry` (2, 3, ...), or undefined when we should stop retrying. */
export function delayBeforeRetry(response: TransportResponse, nextTry: number, waitedMs: number, policy: RetryPolicy): number | undefined {
  if (!isRetryable(response.status) || nextTry > policy.maxTries) return undefined;
  const asked = retryAfterMs(response.headers.get('Retry-After'), policy.now());
  const delay = asked ?? policy.baseDelayMs * 2 ** (nextTry - 2);
  if (delay > policy.maxDelayMs || waitedMs + delay > policy.budgetMs) return undefined;
  return delay;
}

/** Sends, and re-sends while Jira asks us to wait and the budget allows. Returns the last response. */
export async function sendWithRetry(send: () => Promise<TransportResponse>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<TransportResponse> {
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    const delay = delayBeforeRetry(response, attempt + 1, waited, policy);
    if (delay === undefined) return response;
    await policy.sleep(delay);
    waited += delay;
  }
}
