import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { Readiness } from '@src/domain/readiness-types';
import { ReadinessLozenge } from '@ui/components/ReadinessLozenge';

function MissingAnswers({ readiness }: { readiness: Readiness }) {
  if (readiness.missing.length === 0) {
    return <Text testId="missing-list" color="color.text.success">All questions are answered.</Text>;
  }
  return (
    <Stack space="space.050">
      <Text weight="medium" id="missing-heading">Still open</Text>
      <ul className="ph-bullets" data-testid="missing-list" aria-labelledby="missing-heading">
        {readiness.missing.map((m) => (
          <li key={m.code} data-code={m.code}>
            <Text>{m.sentence}</Text>
          </li>
        ))}
      </ul>
    </Stack>
  );
}

export function ReadinessHeader({ readiness }: { readiness: Readiness }) {
  return (
    <Box as="section" aria-label="Readiness" testId="readiness">
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Text weight="semibold">Readiness</Text>
          <ReadinessLozenge level={readiness.level} testId="readiness-level" />
          {readiness.pilot.sentence && (
            <Text color="color.text.subtle" testId="pilot-clock">
              {readiness.pilot.sentence}
            </Text>
          )}
        </Inline>
        <MissingAnswers readiness={readiness} />
        {readiness.shipSignal.active && (
          <div data-testid="ship-signal">
            <SectionMessage appearance="warning" title="Ship signal: most decided conditions are withdrawn">
              <Text>
                {readiness.shipSignal.sentence ??
                  `${readiness.shipSignal.withdrawn} of ${readiness.shipSignal.decided} decided pilot conditions are withdrawn: production would run without most of what made the pilot work.`}
              </Text>
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
