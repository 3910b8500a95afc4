/**
 * The panel's header: where the handoff stands and the next action first. Each "Still open" line is a link
 * to the field that answers it; the named owner accepts right here; a shipped epic shows the milestone
 * instead of the pilot clock, and the pilot's missing close date is asked for where the user looks first.
 */
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { MissingAnswer } from '@src/domain/readiness-types';
import { ReadinessLozenge } from '@ui/components/ReadinessLozenge';
import { shippedLine } from '@ui/milestone';
import { ids, keys, sectionOf, targetFor, useHandoff, usePanelUi } from '../../handoff';
import { AcceptOwnership } from './AcceptOwnership';
import { PilotClosedOn } from './PilotClosedOn';

function OpenLine({ missing }: { missing: MissingAnswer }) {
  const { view, canEdit } = useHandoff();
  const { reveal } = usePanelUi();
  const target = canEdit || missing.code === 'owner-not-accepted' ? targetFor(missing, view) : undefined;
  const section = sectionOf(missing);
  // An editor goes to the field that answers it; a viewer to the section that holds the answer.
  const go = target ? () => reveal(target.keys, target.elementId) : section ? () => reveal([keys.section(section)], ids.sectionToggle(section)) : undefined;
  return (
    <li data-code={missing.code}>
      {go ? (
        <button type="button" className="ph-link" onClick={go}>
          {missing.sentence}
        </button>
      ) : (
        <Text>{missing.sentence}</Text>
      )}
    </li>
  );
}

function MissingAnswers() {
  const { view } = useHandoff();
  const { missing } = view.readiness;
  if (missing.length === 0) {
    return <Text testId="missing-list" color="color.text.success">All questions are answered.</Text>;
  }
  return (
    <Stack space="space.050">
      <Text weight="medium" id="missing-heading">Still open</Text>
      <ul className="ph-bullets" data-testid="missing-list" aria-labelledby="missing-heading">
        {missing.map((m) => (
          <OpenLine key={m.code} missing={m} />
        ))}
      </ul>
    </Stack>
  );
}

export function ReadinessHeader() {
  const { view } = useHandoff();
  const { readiness } = view;
  const shipped = readiness.level === 'shipped';
  const clock = shipped ? shippedLine(view) : readiness.pilot.sentence;
  return (
    <Box as="section" aria-label="Readiness" testId="readiness">
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Text weight="semibold">Readiness</Text>
          <ReadinessLozenge level={readiness.level} testId="readiness-level" />
          {clock && (
            <Text color="color.text.subtle" testId={shipped ? 'shipped-line' : 'pilot-clock'}>
              {clock}
            </Text>
          )}
        </Inline>
        <MissingAnswers />
        <AcceptOwnership />
        <PilotClosedOn />
        {readiness.shipSignal.active && (
          <div data-testid="ship-signal">
            <SectionMessage appearance="warning" title={readiness.shipSignal.headline ?? 'Weak commitment'}>
              <Text>{readiness.shipSignal.sentence}</Text>
            </SectionMessage>
          </div>
        )}
        {readiness.kpiFlags.length > 0 && (
          <ul className="ph-bullets" data-testid="kpi-flags" aria-label="KPI flags">
            {readiness.kpiFlags.map((f) => (
              <li key={`${f.kpiId}-${f.kind}`}>
                <Text color="color.text.warning">{f.sentence}</Text>
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </Box>
  );
}
