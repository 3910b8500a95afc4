/**
 * Drops fields only the server may set (who decided, who accepted, when) wherever they appear in a
 * payload, before validation. Keys are copied as own data properties, so a "__proto__" key stays an
 * ordinary (and then rejected) field instead of changing an object's prototype.
 */
import { SERVER_SET_FIELDS } from '../shared/contract';
import { AppError } from '../kernel';

const SERVER_SET = new Set<string>(SERVER_SET_FIELDS);
export const MAX_PAYLOAD_DEPTH = 32;

export function stripServerSetFields(value: unknown, depth = 0): unknown {
  if (depth > MAX_PAYLOAD_DEPTH) throw new AppError('VALIDATION', 'The request is nested too deeply.', { fieldErrors: { '(payload)': 'Nested too deeply' } });
  if (Array.isArray(value)) return value.map((v) => stripServerSetFields(v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SERVER_SET.has(key)) continue;
    Object.defineProperty(out, key, { value: stripServerSetFields(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
