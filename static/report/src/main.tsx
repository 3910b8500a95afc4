import { mountApp } from '../../shared/bootstrap';
import { App } from './App';

void mountApp(() => <App />);
