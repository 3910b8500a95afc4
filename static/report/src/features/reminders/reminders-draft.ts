/**
 * The reminders form's own shape: days stay text while typed. Converting back validates with the
 * ReminderSettings schema, so the form says what the server would say.
 */
import { ReminderSettings, REMINDER_DAYS_MAX } from '@src/domain/reminder-settings';
import type { UserRef } from '@src/domain/record';

export interface RemindersDraft {
  pilotClosing: boolean;
  pilotClosingDays: string;
  pilotClosed: boolean;
  conditionReview: boolean;
  kpiReview: boolean;
  ownerNotAccepted: boolean;
  ownerNotAcceptedDays: string;
  stalled: boolean;
  sponsorContact: UserRef | undefined;
}

export function draftFrom(r: ReminderSettings): RemindersDraft {
  return {
    pilotClosing: r.pilotClosing.enabled,
    pilotClosingDays: String(r.pilotClosing.days),
    pilotClosed: r.pilotClosed.enabled,
    conditionReview: r.conditionReview.enabled,
    kpiReview: r.kpiReview.enabled,
    ownerNotAccepted: r.ownerNotAccepted.enabled,
    ownerNotAcceptedDays: String(r.ownerNotAccepted.days),
    stalled: r.stalled.enabled,
    sponsorContact: r.sponsorContact,
  };
}

export type RemindersPayload = { reminders: Omit<ReminderSettings, 'sponsorContact'>; sponsorContactAccountId: string | null };
export type DraftResult = { ok: true; payload: RemindersPayload } | { ok: false; errors: Record<string, string> };

const days = (text: string, label: string): { value: number; error?: string } => {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { value: Number.NaN, error: `${label} must be a whole number of days` };
  const value = Number(t);
  return value < 1 || value > REMINDER_DAYS_MAX ? { value, error: `${label} must be from 1 to ${REMINDER_DAYS_MAX} days` } : { value };
};

export function payloadFrom(d: RemindersDraft): DraftResult {
  const closing = days(d.pilotClosingDays, 'Days before the close');
  const owner = days(d.ownerNotAcceptedDays, 'Days after being named');
  const errors: Record<string, string> = {};
  if (closing.error) errors['pilotClosing.days'] = closing.error;
  if (owner.error) errors['ownerNotAccepted.days'] = owner.error;
  const candidate = {
    pilotClosing: { enabled: d.pilotClosing, days: closing.value },
    pilotClosed: { enabled: d.pilotClosed },
    conditionReview: { enabled: d.conditionReview },
    kpiReview: { enabled: d.kpiReview },
    ownerNotAccepted: { enabled: d.ownerNotAccepted, days: owner.value },
    stalled: { enabled: d.stalled },
  };
  const parsed = ReminderSettings.omit({ sponsorContact: true }).safeParse(candidate);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= issue.message;
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, payload: { reminders: parsed.data, sponsorContactAccountId: d.sponsorContact?.accountId ?? null } };
}
