/** The portfolio: initiatives across projects and their flow metrics, searched as the user (no per-project or per-epic request). */
export { portfolioHandlers } from './resolvers';
