import type { ForgeContext } from '../../shared/bootstrap';
export function App({ context }: { context: ForgeContext }) {
  return <div>{String(context.extension.issue?.key)}</div>;
}
