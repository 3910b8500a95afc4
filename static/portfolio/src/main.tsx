import { startApp } from '@ui/bootstrap';

startApp({ ui: () => import('./ui') });
