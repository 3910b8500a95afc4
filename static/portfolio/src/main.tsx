import { mountApp } from '@ui/bootstrap';
import { App } from './App';

void mountApp(() => <App />);
