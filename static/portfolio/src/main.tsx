import { callEarly } from '@ui/api';
import { startApp } from '@ui/bootstrap';

// The first rows are asked for before the UI downloads (as the report's): the whole portfolio, no filter.
startApp({ first: () => callEarly('getPortfolioStart', {}), ui: () => import('./ui') });
