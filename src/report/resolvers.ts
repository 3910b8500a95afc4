/** The readiness report's resolvers (project-page context). */
import { defineResolver } from '../resolvers/registry';
import { exportAuditTrail } from './export-audit-trail';
import { getReportPage } from './get-report-page';

export const reportResolvers = [
  defineResolver('getReportPage', ({ ctx, payload }) => getReportPage(ctx, payload)),
  defineResolver('exportAuditTrail', ({ ctx, payload }) => exportAuditTrail(ctx, payload)),
] as const;
