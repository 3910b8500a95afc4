import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { ProductionKpi } from '@src/domain/record';
import { isBusinessCategory } from '@src/domain/vocabulary';
import { KPI_CATEGORY_LABELS, formatDate } from '@ui/words';
import { FormFeedback, useHandoff, useSaveForm } from '../../handoff';
import { KpiForm } from './KpiForm';
import { KpiReadings } from '../../kpi-readings';

const rowStyles = xcss({
  padding: 'space.150',
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.large',
});

function targetSentence(k: ProductionKpi): string {
  const unit = k.unit ? ` ${k.unit}` : '';
  const arrow = k.direction === 'higher-is-better' ? 'higher is better' : 'lower is better';
  const from = k.baseline ? `from ${k.baseline}${unit} ` : '';
  return k.target ? `${from}to ${k.target}${unit} (${arrow})` : arrow;
}

function horizonSentence(k: ProductionKpi): string {
  if (!k.horizon) return 'No horizon yet';
  const unit = k.horizon.count === 1 ? k.horizon.unit : `${k.horizon.unit}s`;
  return `Over ${k.horizon.count} ${unit}${k.firstReviewDate ? `, first review ${formatDate(k.firstReviewDate)}` : ''}`;
}

export function KpiRow({ kpi }: { kpi: ProductionKpi }) {
  const { view, canEdit, save } = useHandoff();
  const [editing, setEditing] = useState(false);
  const remove = useSaveForm();
  const replaces = view.record?.pilotMetrics.find((m) => m.id === kpi.replacesMetricId);

  if (editing) return <KpiForm kpi={kpi} onDone={() => setEditing(false)} />;
  return (
    <Box as="li" xcss={rowStyles} testId="kpi-row" data-kpi-id={kpi.id}>
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center" spread="space-between" shouldWrap>
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Text weight="semibold">{kpi.name}</Text>
            <Lozenge appearance={isBusinessCategory(kpi.category) ? 'new' : 'inprogress'}>{KPI_CATEGORY_LABELS[kpi.category]}</Lozenge>
            <Lozenge appearance={kpi.status === 'agreed' ? 'success' : 'default'}>{kpi.status === 'agreed' ? 'Agreed' : 'Proposed'}</Lozenge>
          </Inline>
          {canEdit && (
            <Inline space="space.050">
              <Button appearance="subtle" spacing="compact" onClick={() => setEditing(true)} aria-label={`Edit KPI ${kpi.name}`}>
                Edit
              </Button>
              <Button appearance="subtle" spacing="compact" isLoading={remove.busy} aria-label={`Remove KPI ${kpi.name}`} onClick={() => void remove.send(() => save('removeKpi', { kpiId: kpi.id }))}>
                Remove
              </Button>
            </Inline>
          )}
        </Inline>
        <Text color="color.text.subtle">
          {targetSentence(kpi)} · {horizonSentence(kpi)}
        </Text>
        <Text size="small" color="color.text.subtlest">
          {[kpi.source && `Source: ${kpi.source}`, kpi.owner && `Owner: ${kpi.owner}`, replaces && `Replaces pilot metric: ${replaces.name}`].filter(Boolean).join(' · ')}
        </Text>
        <KpiReadings kpi={kpi} />
        <FormFeedback form={remove} />
      </Stack>
    </Box>
  );
}
