import { startApp } from '@ui/bootstrap';
import { callEarly } from '@ui/api/early';

// The first page and the plan are asked for first: their round trip overlaps downloading the report's UI.
startApp({ first: () => callEarly('getReportStart', {}), ui: () => import('./ui') });
