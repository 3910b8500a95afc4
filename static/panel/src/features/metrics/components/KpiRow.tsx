import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Text } from '@atlaskit/primitives';
import { kpiSentence } from '@src/domain/kpi-text';
import type { ProductionKpi } from '@src/domain/record';
import { isBusinessCategory } from '@src/domain/vocabulary';
import { KPI_CATEGORY_LABELS, KPI_STATUS_LABELS, formatDate } from '@ui/words';
import { FormFeedback, ItemRow, ids, keys, useHandoff, useOpen, useSaveForm } from '../../handoff';
import { KpiForm } from './KpiForm';
import { KpiReadings, KpiStatusChip } from '../../kpi-readings';

function Summary({ kpi }: { kpi: ProductionKpi }) {
  return (
    <>
      <Text weight="semibold">{kpi.name}</Text>
      <Lozenge appearance={isBusinessCategory(kpi.category) ? 'new' : 'inprogress'}>{KPI_CATEGORY_LABELS[kpi.category]}</Lozenge>
      <Lozenge appearance={kpi.status === 'agreed' ? 'success' : 'default'}>{KPI_STATUS_LABELS[kpi.status]}</Lozenge>
      <KpiStatusChip kpiId={kpi.id} />
      <Text color="color.text.subtle" testId="kpi-line">
        {kpiSentence(kpi)}
      </Text>
    </>
  );
}

/** One line per KPI (name, category, status, what it asks); on expand its source, owner, review and the pilot metric it replaces. */
export function KpiRow({ kpi }: { kpi: ProductionKpi }) {
  const { view, canEdit, save } = useHandoff();
  const [editing, setEditing] = useOpen(keys.kpiForm(kpi.id));
  const remove = useSaveForm('', 'KPI removed');
  const replaces = view.record?.pilotMetrics.find((m) => m.id === kpi.replacesMetricId);
  const details = [
    kpi.firstReviewDate && `First review ${formatDate(kpi.firstReviewDate)}`,
    kpi.source && `Source: ${kpi.source}`,
    kpi.owner && `Owner: ${kpi.owner}`,
    replaces && `Replaces pilot metric: ${replaces.name}`,
  ].filter(Boolean);

  return (
    <ItemRow rowKey={keys.kpiRow(kpi.id)} toggleId={ids.kpiToggle(kpi.id)} summary={<Summary kpi={kpi} />} testId="kpi-row" data={{ 'data-kpi-id': kpi.id }}>
      {kpi.status === 'proposed' && <Text size="small" color="color.text.warning">Proposed: it does not count until it is agreed.</Text>}
      {details.length > 0 ? <Text size="small" color="color.text.subtle">{details.join(' · ')}</Text> : <Text size="small" color="color.text.subtlest">No source, owner or review date yet.</Text>}
      <KpiReadings kpi={kpi} />
      <FormFeedback form={remove} />
      {editing && <KpiForm kpi={kpi} onDone={() => setEditing(false)} />}
      {canEdit && !editing && (
        <Inline space="space.050">
          <Button appearance="subtle" spacing="compact" onClick={() => setEditing(true)} aria-label={`Edit KPI ${kpi.name}`}>
            Edit
          </Button>
          <Button appearance="subtle" spacing="compact" isLoading={remove.busy} aria-label={`Remove KPI ${kpi.name}`} onClick={() => void remove.send(() => save('removeKpi', { kpiId: kpi.id }))}>
            Remove
          </Button>
        </Inline>
      )}
    </ItemRow>
  );
}
