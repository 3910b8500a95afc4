/** Client-side validation with the contract's own zod schemas, so the form says what the server would. */
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** Field path (dot-joined) → first message, or null when the value is valid. */
export function fieldErrorsOf(schema: z.ZodType, value: unknown): FieldErrors | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : fieldErrorsFrom(parsed.error);
}

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Server field errors carry the payload path ("kpi.horizon.count"); forms know their fields without the prefix. */
export function withoutPrefix(errors: FieldErrors | undefined, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors ?? {})) {
    out[key.startsWith(`${prefix}.`) ? key.slice(prefix.length + 1) : key] = message;
  }
  return out;
}
