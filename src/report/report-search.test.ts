import { epicTypeIdsOf } from '../jira';
import { reportJql } from './report-search';

describe('the report query', () => {
  it('searches the project’s level-1 issue types by id, never by the name "Epic"', () => {
    const ids = epicTypeIdsOf([
      { id: '10000', name: 'Initiative', subtask: false, hierarchyLevel: 1 },
      { id: '10001', name: 'Task', subtask: false, hierarchyLevel: 0 },
      { id: '10004', name: 'Sub-task', subtask: true, hierarchyLevel: -1 },
      { id: '10007', name: 'Feature', subtask: false, hierarchyLevel: 1 },
      { id: '10009', name: 'Theme', subtask: false, hierarchyLevel: 2 },
    ]);
    expect(ids).toEqual(['10000', '10007']);
    const jql = reportJql('10000', 'ai-initiative', ids);
    expect(jql).toBe('project = 10000 AND issuetype in (10000, 10007) AND (labels = "ai-initiative" OR issue.property[production-handoff-readiness].level IS NOT EMPTY) ORDER BY key ASC');
    expect(jql).not.toMatch(/Epic/);
  });
  it('refuses anything but ids in the query', () => {
    expect(() => reportJql('10000', '', [])).toThrow('Not issue type ids');
    expect(() => reportJql('10000', '', ['10000) OR (project = 1'])).toThrow('Not issue type ids');
    expect(() => reportJql('AIP', '', ['10000'])).toThrow('Not a project id');
  });
});
