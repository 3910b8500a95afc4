/** A gadget's configuration is its projects or one saved filter, never both; the filter reaches JQL only as digits. */
import { GadgetConfig } from '../shared/contract';
import type { CallContext } from '../kernel';
import { selectionOf } from './gadget-config';
import { portfolioCondition } from './portfolio-search';

const ctx = (gadgetConfiguration?: Record<string, unknown>) => ({ timezone: 'UTC', ...(gadgetConfiguration ? { gadgetConfiguration } : {}) }) as unknown as CallContext;

test('projects, or a filter id; an old {projects} configuration (with refresh) still parses', () => {
  expect(GadgetConfig.safeParse({ projects: ['CLM', 'SUP'], refresh: 15 }).success).toBe(true);
  expect(GadgetConfig.safeParse({ filterId: '10000' }).success).toBe(true);
  expect(GadgetConfig.safeParse({ projects: ['CLM'], filterId: '10000' }).success).toBe(false);
  expect(GadgetConfig.safeParse({}).success).toBe(false);
  for (const filterId of ['', 'abc', '10000 OR project = CLM', 10000, '1'.repeat(19)]) expect(GadgetConfig.safeParse({ filterId }).success).toBe(false);
});

test('a gadget reads its scope from its configuration only; the global page from the payload', () => {
  expect(selectionOf(ctx({ filterId: '10000' }), ['AIP'])).toEqual({ filterId: '10000' });
  expect(selectionOf(ctx({ projects: ['SUP'] }), ['AIP'])).toEqual({ projectKeys: ['SUP'] });
  expect(selectionOf(ctx(), ['AIP'])).toEqual({ projectKeys: ['AIP'] });
  expect(selectionOf(ctx(), undefined)).toEqual({});
  expect(() => selectionOf(ctx({ filterId: '1 OR 1=1' }), undefined)).toThrow('edit the gadget');
});

test('the portfolio condition starts with the filter clause, and refuses a filter id that is not digits', () => {
  const scope = { epicTypeIds: ['10001'], settings: new Map() };
  expect(portfolioCondition({ ...scope, filterId: '10000' })).toMatch(/^filter = 10000 AND issuetype in \(10001\)/);
  expect(portfolioCondition(scope)).toMatch(/^issuetype in/);
  expect(() => portfolioCondition({ ...scope, filterId: '1 OR project = X' })).toThrow('Not a filter id');
});
