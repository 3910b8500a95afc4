import { defineConfig } from 'vite';
import { customUiConfig } from '../shared/vite.base';

export default defineConfig(customUiConfig());
