import Lozenge from '@atlaskit/lozenge';
import type { StatusCategoryKey } from '@src/domain/readiness-types';

/** A Jira status shown the way Jira shows it: grey to do, blue in progress, green done. */
const APPEARANCE = { new: 'default', indeterminate: 'inprogress', done: 'success' } as const satisfies Record<StatusCategoryKey, string>;

export function StatusLozenge({ name, category }: { name: string; category: StatusCategoryKey }) {
  return <Lozenge appearance={APPEARANCE[category]}>{name}</Lozenge>;
}
