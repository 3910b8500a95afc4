/** The readiness report's resolver handlers (project-page context). */
import type { Handlers } from '../kernel';
import { exportAuditTrail } from './export-audit-trail';
import { getReportPage } from './get-report-page';
import { getReadinessTrail } from './get-readiness-trail';

export const reportHandlers = {
  getReportPage: ({ ctx, payload }) => getReportPage(ctx, payload),
  exportAuditTrail: ({ ctx, payload }) => exportAuditTrail(ctx, payload),
  getReadinessTrail: ({ ctx, payload }) => getReadinessTrail(ctx, payload),
} satisfies Partial<Handlers>;
