import { startApp } from '@ui/bootstrap';
import { callEarly } from '@ui/api/early';

// The record is asked for first: its round trip overlaps downloading and starting the panel's UI.
startApp({ first: () => callEarly('getHandoff', {}), ui: () => import('./ui') });
