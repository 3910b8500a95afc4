import { defaultProjectSettings, type ProjectSettings } from '../domain/policy';
import type { JiraIssue } from '../jira';
import { portfolioCondition, portfolioIssueOf, portfolioJql } from './portfolio-search';

const withLabel = (initiativeLabel: string): ProjectSettings => ({ ...defaultProjectSettings(), initiativeLabel, version: 1 });
const epic = (projectId: string, labels: string[], properties: Record<string, unknown> = {}): JiraIssue => ({
  id: '1', key: 'X-1', properties,
  fields: { summary: 's', status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, labels, project: { id: projectId, key: 'X', name: 'X' } },
});

describe('portfolioJql', () => {
  test('narrows by the union of the labels in use (the default for projects that saved none) or a published summary', () => {
    const jql = portfolioJql({ epicTypeIds: ['10000'], settings: new Map([['10001', withLabel('claims-ai')]]) });
    expect(jql).toBe('issuetype in (10000) AND (labels in ("claims-ai", "ai-initiative") OR issue.property[production-handoff-readiness].level IS NOT EMPTY) ORDER BY key ASC');
  });

  test('keeps to the given projects and their labels only; the default label only when one of them saved none', () => {
    const settings = new Map([['10001', withLabel('claims-ai')], ['10002', withLabel('support-ai')]]);
    expect(portfolioJql({ epicTypeIds: ['10000'], projectIds: ['10001'], settings })).toBe(
      'issuetype in (10000) AND project in (10001) AND (labels in ("claims-ai") OR issue.property[production-handoff-readiness].level IS NOT EMPTY) ORDER BY key ASC',
    );
    expect(portfolioJql({ epicTypeIds: ['10000'], projectIds: ['10001', '10003'], settings })).toContain('labels in ("claims-ai", "ai-initiative")');
  });

  test('the condition is the same JQL without ORDER BY, for the id ranges to be added to', () => {
    const scope = { epicTypeIds: ['10000'], projectIds: ['10001'], settings: new Map([['10001', withLabel('claims-ai')]]) };
    expect(portfolioCondition(scope)).toBe('issuetype in (10000) AND project in (10001) AND (labels in ("claims-ai") OR issue.property[production-handoff-readiness].level IS NOT EMPTY)');
    expect(portfolioJql(scope)).toBe(`${portfolioCondition(scope)} ORDER BY key ASC`);
  });

  test('a project whose label is empty counts every epic: no label clause', () => {
    expect(portfolioJql({ epicTypeIds: ['10000', '10005'], settings: new Map([['10001', withLabel('')]]) })).toBe('issuetype in (10000, 10005) ORDER BY key ASC');
  });

  test('refuses ids that are not numbers', () => {
    expect(() => portfolioJql({ epicTypeIds: ['1 OR x'], settings: new Map() })).toThrow('Not issue type ids');
    expect(() => portfolioJql({ epicTypeIds: ['1'], projectIds: ['AIP'], settings: new Map() })).toThrow('Not project ids');
  });
});

test("each row is checked against its own project's label", () => {
  const scope = { settings: new Map([['10001', withLabel('claims-ai')]]) };
  expect(portfolioIssueOf(epic('10001', ['claims-ai']), scope)).not.toBeNull();
  // The other project's default label does not count in a project with its own.
  expect(portfolioIssueOf(epic('10001', ['ai-initiative']), scope)).toBeNull();
  expect(portfolioIssueOf(epic('10002', ['ai-initiative']), scope)?.project).toEqual({ id: '10002', key: 'X', name: 'X' });
});
