import type { ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import { Box, Stack, xcss } from '@atlaskit/primitives';

const sectionStyles = xcss({
  borderTopWidth: 'border.width',
  borderTopStyle: 'solid',
  borderTopColor: 'color.border',
  paddingBlockStart: 'space.200',
});

/** A titled region: its heading names it for screen readers (aria-labelledby). */
export function Section({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <Box as="section" xcss={sectionStyles} aria-labelledby={`${id}-heading`} testId={testId}>
      <Stack space="space.150">
        <Heading size="small" as="h3" id={`${id}-heading`}>
          {title}
        </Heading>
        {children}
      </Stack>
    </Box>
  );
}
