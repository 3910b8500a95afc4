import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Label } from '@atlaskit/form';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { READINESS_LEVELS } from '@src/domain/readiness-types';
import type { ReportFilter } from '@src/domain/report';
import type { ReportRow } from '@src/domain/report-types';
import { LEVEL_LABELS } from '@ui/words';
import { FLAG_LABELS, FLAG_ORDER } from './flags';

interface Option {
  label: string;
  value: string;
}

const ALL = '';
const NO_OWNER = '__none__';

const LEVEL_OPTIONS: Option[] = [{ label: 'All levels', value: ALL }, ...READINESS_LEVELS.map((l) => ({ label: LEVEL_LABELS[l], value: l }))];
const FLAG_OPTIONS: Option[] = [{ label: 'Any flag or none', value: ALL }, ...FLAG_ORDER.map((f) => ({ label: FLAG_LABELS[f], value: f }))];

function ownerOptions(rows: readonly ReportRow[]): Option[] {
  const owners = new Map<string, string>();
  for (const row of rows) if (row.owner) owners.set(row.owner.accountId, row.owner.displayName);
  const sorted = [...owners].sort((a, b) => a[1].localeCompare(b[1])).map(([value, label]) => ({ label, value }));
  return [{ label: 'All delivery owners', value: ALL }, { label: 'No delivery owner', value: NO_OWNER }, ...sorted];
}

function ownerValue(filter: ReportFilter): string {
  if (filter.ownerAccountId === undefined) return ALL;
  return filter.ownerAccountId ?? NO_OWNER;
}

const selectBox = xcss({ width: '200px' });

function FilterSelect({ id, label, options, value, onChange }: { id: string; label: string; options: Option[]; value: string; onChange: (v: string) => void }) {
  return (
    <Stack space="space.050">
      <Label htmlFor={`${id}-input`}>{label}</Label>
      <Box xcss={selectBox} testId={id}>
        <Select<Option>
          inputId={`${id}-input`}
          options={options}
          value={options.find((o) => o.value === value) ?? options[0]}
          onChange={(o) => onChange(o?.value ?? ALL)}
          spacing="compact"
        />
      </Box>
    </Stack>
  );
}

interface Props {
  rows: readonly ReportRow[];
  filter: ReportFilter;
  onChange: (filter: ReportFilter) => void;
}

export function ReportFilters({ rows, filter, onChange }: Props) {
  return (
    <Inline space="space.200" alignBlock="end" shouldWrap>
      <Stack space="space.050">
        <Label htmlFor="report-search">Search initiatives</Label>
        <Box xcss={xcss({ width: '260px' })}>
          <Textfield
            id="report-search"
            testId="report-search"
            isCompact
            placeholder="Key, summary, owner or missing answer"
            value={filter.text ?? ''}
            onChange={(e) => onChange({ ...filter, text: e.currentTarget.value })}
          />
        </Box>
      </Stack>
      <FilterSelect id="level-filter" label="Readiness" options={LEVEL_OPTIONS} value={filter.level ?? ALL}
        onChange={(v) => onChange({ ...filter, level: v === ALL ? undefined : (v as ReportFilter['level']) })} />
      <FilterSelect id="owner-filter" label="Delivery owner" options={ownerOptions(rows)} value={ownerValue(filter)}
        onChange={(v) => onChange({ ...filter, ownerAccountId: v === ALL ? undefined : v === NO_OWNER ? null : v })} />
      <FilterSelect id="flag-filter" label="Flag" options={FLAG_OPTIONS} value={filter.flag ?? ALL}
        onChange={(v) => onChange({ ...filter, flag: v === ALL ? undefined : (v as ReportFilter['flag']) })} />
    </Inline>
  );
}
