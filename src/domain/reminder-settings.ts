/**
 * Project settings for reminders (report page → Settings, admins): each kind on or off, the days where a
 * kind has them, and an optional sponsor contact told when a pilot closes with questions open. Settings
 * saved before a field existed read its default, so adding a kind never breaks stored settings.
 */
import { z } from 'zod';
import { UserRef } from './record';

export const REMINDER_KINDS = ['pilot-closing', 'pilot-closed', 'condition-review', 'kpi-review', 'owner-not-accepted', 'stalled'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_DAYS_MAX = 90;

const Toggle = z.object({ enabled: z.boolean({ error: 'Say on or off' }) }).strict();
const Days = z
  .number({ error: 'Days must be a number' })
  .int({ error: 'Days must be whole days' })
  .min(1, { error: `Days must be from 1 to ${REMINDER_DAYS_MAX}` })
  .max(REMINDER_DAYS_MAX, { error: `Days must be from 1 to ${REMINDER_DAYS_MAX}` });
const ToggleWithDays = z.object({ enabled: z.boolean({ error: 'Say on or off' }), days: Days }).strict();

export const ReminderSettings = z
  .object({
    /** The pilot closes within `days` with questions open → champion and delivery owner. */
    pilotClosing: ToggleWithDays.default({ enabled: true, days: 14 }),
    /** The pilot closed with questions open → delivery owner and sponsor contact. */
    pilotClosed: Toggle.default({ enabled: true }),
    /** A permanent condition's review date → who sustains it and the delivery owner. */
    conditionReview: Toggle.default({ enabled: true }),
    /** A KPI review date without a reading since → the KPI's owner and the delivery owner. */
    kpiReview: Toggle.default({ enabled: true }),
    /** The named delivery owner has not accepted after `days` → that owner. */
    ownerNotAccepted: ToggleWithDays.default({ enabled: true, days: 5 }),
    /** No change for the project's stall threshold (ProjectSettings.stallDays) → delivery owner. */
    stalled: Toggle.default({ enabled: true }),
    sponsorContact: UserRef.optional(),
  })
  .strict();
export type ReminderSettings = z.infer<typeof ReminderSettings>;

export function defaultReminderSettings(): ReminderSettings {
  return ReminderSettings.parse({});
}

