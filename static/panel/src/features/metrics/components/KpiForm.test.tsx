import { screen, waitFor } from '@testing-library/react';
import type { ProductionKpi } from '@src/domain/record';
import { answer, invocations } from '@ui/testing/bridge';
import { handoffView, ok } from '@ui/testing/fixtures';
import { renderWithHandoff } from '../../../testing/render';
import { KpiForm } from './KpiForm';

const kpi: ProductionKpi = {
  id: 'k1', name: 'Claims handled per FTE', category: 'business-outcome', baseline: '40', target: '55', unit: '', direction: 'higher-is-better',
  source: '', owner: '', horizon: { count: 1, unit: 'quarter' }, status: 'proposed',
};
const withKpi = (version: number) => handoffView(version, (r) => r.kpis.push(kpi));

describe('KpiForm', () => {
  it("shows the server's field error beside its field (the payload path without the form's prefix) and keeps the input", async () => {
    answer('saveKpi', () => ({ ok: false, error: { code: 'VALIDATION', message: 'Some answers need fixing', fieldErrors: { 'kpi.horizon.count': 'At most 8 quarters' } } }));
    const { user } = await renderWithHandoff(<KpiForm kpi={kpi} onDone={() => undefined} />, withKpi(5));
    const count = screen.getByLabelText('Horizon');
    await user.clear(count);
    await user.type(count, '12');
    await user.click(screen.getByTestId('save-kpi'));
    expect((await screen.findByTestId('kpi-k1-horizon-count-error')).textContent).toBe('At most 8 quarters');
    expect(count).toHaveProperty('value', '12');
    expect(invocations('saveKpi')[0]).toMatchObject({ baseVersion: 5, kpi: { id: 'k1', horizon: { count: 12, unit: 'quarter' } } });
  });

  it('sends an edited KPI with its id and every field it had', async () => {
    answer('saveKpi', () => ok(withKpi(6)));
    const done = jest.fn();
    const { user } = await renderWithHandoff(<KpiForm kpi={kpi} onDone={done} />, withKpi(5));
    await user.type(screen.getByLabelText('Unit'), 'claims');
    await user.click(screen.getByTestId('save-kpi'));
    await waitFor(() => expect(done).toHaveBeenCalled());
    const { id: _id, ...rest } = kpi;
    expect(invocations('saveKpi')).toEqual([{ baseVersion: 5, kpi: { id: 'k1', ...rest, unit: 'claims' } }]);
  });
});
