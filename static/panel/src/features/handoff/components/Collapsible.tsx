/**
 * The panel's two disclosures: a section that folds to one line with a status chip, and a row (one
 * condition, one KPI) that shows one line and its details on expand. Both are real buttons with
 * aria-expanded, and both keep their state in the panel's store so a link elsewhere can open them.
 */
import type { ReactNode } from 'react';
import Lozenge from '@atlaskit/lozenge';
import { Box, Stack, xcss } from '@atlaskit/primitives';
import { useOpen } from '../ui/PanelUi';
import { ids, keys, type SectionId } from '../ui/targets';

const sectionStyles = xcss({
  borderTopWidth: 'border.width',
  borderTopStyle: 'solid',
  borderTopColor: 'color.border',
  paddingBlockStart: 'space.100',
});
const bodyStyles = xcss({ paddingBlockStart: 'space.100', paddingBlockEnd: 'space.100' });
const rowStyles = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.large',
  backgroundColor: 'color.background.neutral.subtle',
});
const rowBodyStyles = xcss({ paddingInline: 'space.150', paddingBlockEnd: 'space.150' });

export type ChipAppearance = 'default' | 'success' | 'moved' | 'removed' | 'inprogress' | 'new';

function Chevron({ open }: { open: boolean }) {
  return (
    <span aria-hidden className="ph-chevron">
      {open ? '▾' : '▸'}
    </span>
  );
}

export interface CollapsibleSectionProps {
  id: SectionId;
  title: string;
  /** The section in a few words when folded: "3 of 4 decided". */
  chip: string;
  chipAppearance: ChipAppearance;
  testId?: string;
  children: ReactNode;
}

export function CollapsibleSection({ id, title, chip, chipAppearance, testId, children }: CollapsibleSectionProps) {
  const [open, setOpen] = useOpen(keys.section(id));
  const bodyId = `${id}-body`;
  return (
    <Box as="section" xcss={sectionStyles} aria-labelledby={`${id}-heading`} testId={testId}>
      <h3 id={`${id}-heading`} className="ph-section-heading">
        <button id={ids.sectionToggle(id)} type="button" className="ph-disclosure" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          <Chevron open={open} />
          <span className="ph-disclosure-title">{title}</span>
          <span data-testid={`${id}-chip`}>
            <Lozenge appearance={chipAppearance} maxWidth="none">
              {chip}
            </Lozenge>
          </span>
        </button>
      </h3>
      {open && (
        <Box id={bodyId} xcss={bodyStyles}>
          <Stack space="space.150">{children}</Stack>
        </Box>
      )}
    </Box>
  );
}

export interface ItemRowProps {
  /** The store key that says whether the row is expanded. */
  rowKey: string;
  toggleId: string;
  /** The one line: name and chips. */
  summary: ReactNode;
  testId: string;
  data?: Record<`data-${string}`, string>;
  children: ReactNode;
}

export function ItemRow({ rowKey, toggleId, summary, testId, data, children }: ItemRowProps) {
  const [open, setOpen] = useOpen(rowKey);
  const detailsId = `${toggleId}-details`;
  return (
    <Box as="li" xcss={rowStyles} testId={testId} {...data}>
      <button id={toggleId} type="button" className="ph-disclosure ph-row-toggle" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
        <Chevron open={open} />
        {summary}
      </button>
      {open && (
        <Box id={detailsId} xcss={rowBodyStyles}>
          <Stack space="space.100">{children}</Stack>
        </Box>
      )}
    </Box>
  );
}
