/** The settings feature's public entry: the project's policy, editable by project administrators. */
export { SettingsTab } from './SettingsTab';
