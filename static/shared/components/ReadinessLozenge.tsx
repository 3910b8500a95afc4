import Lozenge from '@atlaskit/lozenge';
import type { ReadinessLevel } from '@src/domain/readiness-types';
import { LEVEL_LABELS } from '../words';

const APPEARANCE = {
  'not-started': 'default',
  deciding: 'inprogress',
  ready: 'success',
  shipped: 'new',
} as const satisfies Record<ReadinessLevel, string>;

export function ReadinessLozenge({ level, testId }: { level: ReadinessLevel; testId?: string }) {
  return (
    <span data-testid={testId} data-level={level}>
      <Lozenge appearance={APPEARANCE[level]} isBold>
        {LEVEL_LABELS[level]}
      </Lozenge>
    </span>
  );
}
