/** Project settings (report page → Settings). */
export { settingsHandlers } from './resolvers';
