import Button from '@atlaskit/button/new';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Label } from '@atlaskit/form';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { READINESS_LEVELS } from '@src/domain/readiness-types';
import { REPORT_SORT_COLUMNS, type ReportFilter, type ReportSortColumn, type SortDirection } from '@src/domain/report';
import type { ReportRow } from '@src/domain/report-types';
import { FLAG_LABELS, LEVEL_LABELS } from '@ui/words';
import { FLAG_ORDER } from './flags';
import { isFiltered, type SortState } from './route';

interface Option {
  label: string;
  value: string;
}

const ALL = '';
const NO_OWNER = '__none__';
const IN_PURGATORY = '__purgatory__';

export const SORT_LABELS: Record<ReportSortColumn, string> = {
  key: 'Epic',
  summary: 'Summary',
  status: 'Status',
  owner: 'Delivery owner',
  conditions: 'Conditions decided',
  kpis: 'KPIs agreed',
  kpiProgress: 'KPIs on track',
  workstreams: 'Workstreams done',
  level: 'Readiness',
  missing: 'Missing answers',
  purgatory: 'Days in purgatory',
  lastChange: 'Last change',
  flags: 'Number of flags',
};

const LEVEL_OPTIONS: Option[] = [{ label: 'All levels', value: ALL }, ...READINESS_LEVELS.map((l) => ({ label: LEVEL_LABELS[l], value: l }))];
const FLAG_OPTIONS: Option[] = [
  { label: 'Any flag or none', value: ALL },
  ...FLAG_ORDER.map((f) => ({ label: FLAG_LABELS[f], value: f })),
  { label: 'In pilot purgatory', value: IN_PURGATORY },
];
const SORT_OPTIONS: Option[] = REPORT_SORT_COLUMNS.map((c) => ({ label: SORT_LABELS[c], value: c }));
const DIR_OPTIONS: Option[] = [
  { label: 'Ascending', value: 'asc' },
  { label: 'Descending', value: 'desc' },
];

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

/** The flag select also offers "In pilot purgatory" (a counter of the chart, not a flag of a row). */
const flagValue = (filter: ReportFilter): string => filter.flag ?? (filter.inPurgatory ? IN_PURGATORY : ALL);

function FilterSelect({ id, label, options, value, onChange, width = 200 }: { id: string; label: string; options: Option[]; value: string; onChange: (v: string) => void; width?: number }) {
  return (
    <Stack space="space.050">
      <Label htmlFor={`${id}-input`}>{label}</Label>
      <Box xcss={xcss({ width: `${width}px` })} testId={id}>
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
  /** Typing in the search field replaces the current URL; every other change is a step back can undo. */
  onChange: (filter: ReportFilter, options?: { replace?: boolean }) => void;
  sort: SortState;
  onSort: (sort: SortState) => void;
}

export function ReportFilters({ rows, filter, onChange, sort, onSort }: Props) {
  return (
    <Inline space="space.200" alignBlock="end" shouldWrap>
      <Stack space="space.050">
        <Label htmlFor="report-search">Search initiatives</Label>
        <Box xcss={xcss({ width: '240px' })}>
          <Textfield
            id="report-search"
            testId="report-search"
            isCompact
            placeholder="Key, summary, owner or missing answer"
            value={filter.text ?? ''}
            onChange={(e) => onChange({ ...filter, text: e.currentTarget.value || undefined }, { replace: true })}
          />
        </Box>
      </Stack>
      <FilterSelect id="level-filter" label="Readiness" options={LEVEL_OPTIONS} value={filter.level ?? ALL} width={160}
        onChange={(v) => onChange({ ...filter, level: v === ALL ? undefined : (v as ReportFilter['level']) })} />
      <FilterSelect id="owner-filter" label="Delivery owner" options={ownerOptions(rows)} value={ownerValue(filter)} width={190}
        onChange={(v) => onChange({ ...filter, ownerAccountId: v === ALL ? undefined : v === NO_OWNER ? null : v })} />
      <FilterSelect id="flag-filter" label="Flag" options={FLAG_OPTIONS} value={flagValue(filter)} width={190}
        onChange={(v) => onChange({ ...filter, flag: v === ALL || v === IN_PURGATORY ? undefined : (v as ReportFilter['flag']), inPurgatory: v === IN_PURGATORY ? true : undefined })} />
      <FilterSelect id="sort-by" label="Sort by" options={SORT_OPTIONS} value={sort.by} width={170} onChange={(v) => onSort({ ...sort, by: v as ReportSortColumn })} />
      <FilterSelect id="sort-dir" label="Order" options={DIR_OPTIONS} value={sort.dir} width={130} onChange={(v) => onSort({ ...sort, dir: v as SortDirection })} />
      {isFiltered(filter) && (
        <Button testId="clear-filters" onClick={() => onChange({})}>
          Clear filters
        </Button>
      )}
    </Inline>
  );
}
