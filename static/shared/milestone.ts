import type { HandoffView } from '@src/shared/contract';
import { formatDate } from './words';

/** "Shipped on 20 Nov 2026 · 1 of 5 workstreams done": Done is a milestone, not a countdown (panel and glance). */
export function shippedLine(view: Pick<HandoffView, 'epic' | 'workstreams'>): string {
  const when = view.epic.doneAt ? `Shipped on ${formatDate(view.epic.doneAt)}` : 'Shipped';
  const w = view.workstreams;
  if (!w) return when;
  return w.total === 0 ? `${when} · no workstream issues` : `${when} · ${w.done} of ${w.total} workstreams done`;
}
