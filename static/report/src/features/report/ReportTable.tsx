import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { token } from '@atlaskit/tokens';
import type { ReportSortColumn } from '@src/domain/report';
import type { ReportRow } from '@src/domain/report-types';
import type { AtLevel } from '@src/domain/readiness-trend';
import { COLUMNS, tableLayout, type ReportColumn, type TableLayout } from './columns';
import { EpicCell } from './cells';
import type { SortState } from './route';

const ROW_ESTIMATE = 64;
const HEADER_HEIGHT = 40;
const MAX_HEIGHT = 640;

interface Props {
  rows: ReportRow[];
  sort: SortState;
  onSort: (by: ReportSortColumn) => void;
  /** Days at the current level per issue id; undefined while the trail loads. */
  atLevel: ReadonlyMap<string, AtLevel> | undefined;
}

const cellBase = {
  display: 'flex',
  alignItems: 'center',
  minWidth: 0,
  padding: `${token('space.100')} ${token('space.100')}`,
} as const;

function ariaSort(column: ReportColumn, sort: SortState): 'ascending' | 'descending' | 'none' | undefined {
  if (!column.sortBy) return undefined;
  if (column.sortBy !== sort.by) return 'none';
  return sort.dir === 'asc' ? 'ascending' : 'descending';
}

function HeaderRow({ layout, sort, onSort }: { layout: TableLayout } & Pick<Props, 'sort' | 'onSort'>) {
  // Labels wrap in a narrow column rather than spill into the next one.
  const headingFont = { font: token('font.heading.xxsmall'), overflowWrap: 'anywhere' } as const;
  return (
    <div role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 1, background: token('elevation.surface'), borderBottom: `2px solid ${token('color.border')}` }}>
      <div role="row" aria-rowindex={1} style={{ display: 'grid', gridTemplateColumns: layout.template, minHeight: HEADER_HEIGHT }}>
        {layout.shown.map((column) => {
          const state = ariaSort(column, sort);
          const sortBy = column.sortBy;
          return (
            <div role="columnheader" aria-sort={state} key={column.id} style={cellBase}>
              {sortBy ? (
                <button
                  type="button"
                  onClick={() => onSort(sortBy)}
                  data-testid={`sort-${sortBy}`}
                  style={{ all: 'unset', cursor: 'pointer', ...headingFont, color: state === 'none' ? token('color.text.subtle') : token('color.text') }}
                >
                  {column.heading ?? column.label}
                  <span aria-hidden style={{ marginInlineStart: token('space.050'), color: token('color.icon.subtle') }}>
                    {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : ''}
                  </span>
                </button>
              ) : (
                <span style={{ ...headingFont, color: token('color.text.subtle') }}>{column.heading ?? column.label}</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The table's own width, followed as the window resizes (the layout folds columns to fit it). */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * The report rows as an ARIA table. Only the rows in view are in the DOM, so thousands of initiatives
 * scroll smoothly; aria-rowcount and aria-rowindex tell screen readers where they are. Rows are as tall
 * as their content (summaries wrap, never cut off), and columns that do not fit fold into the row, so the
 * table never scrolls sideways.
 */
export function ReportTable({ rows, sort, onSort, atLevel }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useWidth(scrollRef);
  const layout = tableLayout(width || Number.MAX_SAFE_INTEGER, COLUMNS);
  // TanStack Virtual returns functions React Compiler cannot memoize; the app is not compiled by it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_ESTIMATE, overscan: 12, getItemKey: (i) => rows[i].issueId });
  return (
    <div ref={scrollRef} style={{ maxHeight: MAX_HEIGHT, overflowY: 'auto', overflowX: 'hidden', border: `1px solid ${token('color.border')}`, borderRadius: token('radius.medium') }} data-testid="report-table-scroll">
      <div role="table" aria-label="Initiatives" aria-rowcount={rows.length + 1} data-folded={layout.folded.map((c) => c.id).join(' ')}>
        <HeaderRow layout={layout} sort={sort} onSort={onSort} />
        <div role="rowgroup" style={{ position: 'relative', height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            const ctx = { atLevel: atLevel ? atLevel.get(row.issueId) : ('loading' as const) };
            return (
              <div
                role="row"
                aria-rowindex={item.index + 2}
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                data-testid="report-row"
                data-key={row.key}
                data-level={row.level}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  minHeight: 52,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: layout.template,
                  borderBottom: `1px solid ${token('color.border')}`,
                  font: token('font.body'),
                  color: token('color.text'),
                }}
              >
                {layout.shown.map((column) => (
                  <div role="cell" key={column.id} style={cellBase}>
                    {column.id === 'key' ? <EpicCell row={row} folded={layout.folded} /> : column.render(row, ctx)}
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
