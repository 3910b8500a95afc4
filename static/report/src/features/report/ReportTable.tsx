import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { token } from '@atlaskit/tokens';
import type { ReportSortColumn, SortDirection } from '@src/domain/report';
import type { ReportRow } from '@src/domain/report-types';
import { COLUMNS, GRID_TEMPLATE, MIN_TABLE_WIDTH } from './columns';

const ROW_HEIGHT = 52;
const HEADER_HEIGHT = 40;
const MAX_HEIGHT = 640;

export interface SortState {
  by: ReportSortColumn;
  dir: SortDirection;
}

interface Props {
  rows: ReportRow[];
  sort: SortState;
  onSort: (by: ReportSortColumn) => void;
}

const cellBase = {
  display: 'flex',
  alignItems: 'center',
  minWidth: 0,
  padding: `0 ${token('space.100')}`,
  overflow: 'hidden',
} as const;

function ariaSort(column: ReportSortColumn, sort: SortState): 'ascending' | 'descending' | 'none' {
  if (column !== sort.by) return 'none';
  return sort.dir === 'asc' ? 'ascending' : 'descending';
}

function HeaderRow({ sort, onSort }: Pick<Props, 'sort' | 'onSort'>) {
  return (
    <div role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 1, background: token('elevation.surface'), borderBottom: `2px solid ${token('color.border')}` }}>
      <div role="row" aria-rowindex={1} style={{ display: 'grid', gridTemplateColumns: GRID_TEMPLATE, height: HEADER_HEIGHT }}>
        {COLUMNS.map((column) => {
          const state = ariaSort(column.id, sort);
          return (
            <div role="columnheader" aria-sort={state} key={column.id} style={cellBase}>
              <button
                type="button"
                onClick={() => onSort(column.id)}
                data-testid={`sort-${column.id}`}
                style={{
                  all: 'unset',
                  cursor: 'pointer',
                  font: token('font.heading.xxsmall'),
                  color: state === 'none' ? token('color.text.subtle') : token('color.text'),
                  whiteSpace: 'nowrap',
                }}
              >
                {column.label}
                <span aria-hidden style={{ marginInlineStart: token('space.050'), color: token('color.icon.subtle') }}>
                  {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : ''}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * The report rows as an ARIA table. Only the rows in view are in the DOM, so thousands of initiatives
 * scroll smoothly; aria-rowcount and aria-rowindex tell screen readers where they are.
 */
export function ReportTable({ rows, sort, onSort }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions React Compiler cannot memoize; the app is not compiled by it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  return (
    <div ref={scrollRef} style={{ maxHeight: MAX_HEIGHT, overflow: 'auto', border: `1px solid ${token('color.border')}`, borderRadius: token('radius.medium') }} data-testid="report-table-scroll">
      <div role="table" aria-label="Initiatives" aria-rowcount={rows.length + 1} style={{ minWidth: MIN_TABLE_WIDTH }}>
        <HeaderRow sort={sort} onSort={onSort} />
        <div role="rowgroup" style={{ position: 'relative', height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            return (
              <div
                role="row"
                aria-rowindex={item.index + 2}
                key={row.issueId}
                data-testid="report-row"
                data-key={row.key}
                data-level={row.level}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: GRID_TEMPLATE,
                  borderBottom: `1px solid ${token('color.border')}`,
                  font: token('font.body'),
                  color: token('color.text'),
                }}
              >
                {COLUMNS.map((column) => (
                  <div role="cell" key={column.id} style={cellBase}>
                    {column.render(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
