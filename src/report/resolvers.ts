/** The readiness report's resolver handlers (project-page context). */
import type { Handlers } from '../kernel';
import { exportAuditTrail } from './export-audit-trail';
import { getReportPage } from './get-report-page';
import { getReportPlan } from './get-report-plan';
import { getReportRows } from './get-report-rows';
import { getReportStart } from './get-report-start';
import { getReadinessTrail } from './get-readiness-trail';

export const reportHandlers = {
  getReportPage: ({ ctx, payload }) => getReportPage(ctx, payload),
  getReportStart: ({ ctx }) => getReportStart(ctx),
  getReportPlan: ({ ctx, payload }) => getReportPlan(ctx, payload),
  getReportRows: ({ ctx, payload }) => getReportRows(ctx, payload),
  exportAuditTrail: ({ ctx, payload }) => exportAuditTrail(ctx, payload),
  getReadinessTrail: ({ ctx, payload }) => getReadinessTrail(ctx, payload),
} satisfies Partial<Handlers>;
