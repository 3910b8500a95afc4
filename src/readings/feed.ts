/**
 * The KPI feed: a Forge web trigger a monitoring or BI system posts readings to.
 *
 *   POST <the feed's URL>    Authorization: Bearer phk_…    Content-Type: application/json
 *   {"issue": "AIP-5", "kpiId": "…", "reading": {"date": "2026-03-31", "value": 97.2, "note": "…", "source": "…"}}
 *
 * Forge does not authenticate web trigger callers, so the token is the whole of the security: it names one
 * project; only its SHA-256 is stored. Answers (JSON `{error, message}` for every refusal, nothing stored):
 * 401 no or unknown token, 403 a revoked token, 404 an epic or KPI not in the token's project, 400 a body that
 * is not a reading (field errors listed), 405 anything but POST, 413 a body over 64 KB, 503 storage or Jira
 * unavailable (try again). 201 with the KPI's status when the reading is stored.
 */
import { z } from 'zod';
import { Id } from '../domain/record';
import { KpiReadingInput } from '../domain/kpi-reading';
import { createJiraGateway, forgeTransport, JiraError } from '../jira';
import { findFeedToken, StorageError } from '../storage';
import { AppError, fieldErrorsOf, type CallContext } from '../kernel';
import { loadHandoffForProject } from '../handoff';
import { addFeedReading } from './add-reading';

export interface WebTriggerRequest {
  method?: string;
  headers?: Record<string, string[] | undefined>;
  body?: string;
}

export interface WebTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

const BODY_MAX = 64 * 1024;

const FeedBody = z
  .object({
    /** The epic's key or id. */
    issue: z.string({ error: 'issue must be the epic\'s key (e.g. AIP-5) or id' }).regex(/^([A-Z][A-Z0-9_]{0,19}-\d{1,12}|\d{1,18})$/, { error: 'issue must be the epic\'s key (e.g. AIP-5) or id' }),
    kpiId: Id,
    reading: KpiReadingInput,
  })
  .strict();

const answer = (statusCode: number, body: unknown, headers: Record<string, string[]> = {}): WebTriggerResponse => ({
  statusCode,
  headers: { 'Content-Type': ['application/json'], 'Cache-Control': ['no-store'], ...headers },
  body: JSON.stringify(body),
});
const refuse = (statusCode: number, error: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string[]> = {}) =>
  answer(statusCode, { error, message, ...extra }, headers);

/** The bearer token of a request (header names are case-insensitive; Forge passes them as sent). */
function bearer(headers: WebTriggerRequest['headers']): string | undefined {
  const values = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? [];
  const match = /^Bearer\s+(\S+)\s*$/i.exec(values[0] ?? '');
  return match?.[1];
}

export async function onKpiFeed(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  try {
    return await handleFeed(request);
  } catch (e) {
    if (e instanceof StorageError || e instanceof JiraError) {
      console.error('KPI feed: storage or Jira unavailable', e);
      return refuse(503, 'UNAVAILABLE', 'The reading could not be stored right now; nothing was stored. Try again later.', {}, { 'Retry-After': ['60'] });
    }
    console.error('KPI feed failed', e);
    return refuse(500, 'INTERNAL', 'The reading could not be stored; nothing was stored.');
  }
}

async function handleFeed(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  if ((request.method ?? '').toUpperCase() !== 'POST') return refuse(405, 'METHOD_NOT_ALLOWED', 'Post readings with POST.', {}, { Allow: ['POST'] });
  const token = bearer(request.headers);
  const unauthorized = { 'WWW-Authenticate': ['Bearer realm="kpi-feed"'] };
  if (!token) return refuse(401, 'UNAUTHORIZED', 'Send the project\'s KPI feed token as "Authorization: Bearer <token>".', {}, unauthorized);
  const found = await findFeedToken(token);
  if (!found) return refuse(401, 'UNAUTHORIZED', 'This is not a KPI feed token of this app.', {}, unauthorized);
  if (found.revoked) return refuse(403, 'TOKEN_REVOKED', `The KPI feed token "${found.name}" was revoked. Ask a project administrator for a new one.`);

  const raw = request.body ?? '';
  if (Buffer.byteLength(raw, 'utf8') > BODY_MAX) return refuse(413, 'TOO_LARGE', `A reading is at most ${BODY_MAX / 1024} KB.`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return refuse(400, 'VALIDATION', 'The body must be JSON: {"issue": "AIP-5", "kpiId": "…", "reading": {"date": "2026-03-31", "value": 97.2}}.');
  }
  const parsed = FeedBody.safeParse(json);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return refuse(400, 'VALIDATION', `Check the reading: ${Object.entries(fieldErrors).map(([f, m]) => `${f}: ${m}`).join('; ')}`, { fieldErrors });
  }
  const appJira = createJiraGateway('app', forgeTransport);
  const ctx: CallContext = { timezone: 'UTC', userJira: appJira, appJira };
  const me = { accountId: `kpi-feed-${found.tokenId}`, displayName: `KPI feed "${found.name}"` };
  try {
    const loaded = await loadHandoffForProject(appJira, parsed.data.issue, found.projectId, me);
    const view = await addFeedReading(ctx, loaded, { baseVersion: 'latest', kpiId: parsed.data.kpiId, reading: parsed.data.reading }, found.tokenId);
    return answer(201, { issue: view.epic.key, kpiId: parsed.data.kpiId, stored: parsed.data.reading, progress: view.kpiProgress[parsed.data.kpiId] });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const status = e.code === 'NOT_FOUND' || e.code === 'NOT_AN_EPIC' ? 404 : e.code === 'VALIDATION' || e.code === 'TOO_LARGE' ? 400 : e.code === 'CONFLICT' || e.code === 'BUSY' ? 409 : 500;
    return refuse(status, e.code, e.message, e.details.fieldErrors ? { fieldErrors: e.details.fieldErrors } : {});
  }
}
