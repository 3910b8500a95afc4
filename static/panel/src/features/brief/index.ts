/** The brief feature's public entry: the handoff as a Markdown one-pager. */
export { CopyBriefButton } from './components/CopyBriefButton';
