/** The daily reminders: the forcing function (a Forge scheduledTrigger). */
import { createJiraGateway, forgeTransport } from '../jira';
import { runReminders } from './run';

/** Forge records a scheduled invocation by its statusCode (424 without one). */
export async function onReminderSchedule(): Promise<{ statusCode: number; body: string }> {
  const report = await runReminders(createJiraGateway('app', forgeTransport));
  console.log('Reminders run', JSON.stringify(report));
  return { statusCode: report.failures.length ? 500 : 200, body: JSON.stringify(report) };
}

export { runReminders, type RunReport } from './run';
