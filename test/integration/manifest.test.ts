/**
 * The manifest is validated offline with Atlassian's own @forge/manifest validator (the same rules
 * `forge lint`/`forge deploy` apply): any error or warning fails. Needs the Custom UI builds
 * (npm test builds them first), since the validator checks every resource folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validate } = require('@forge/manifest') as {
  validate: (offline: boolean, file: string) => Promise<{ success: boolean; errors?: Array<{ level: string; message: string; line?: number }> }>;
};

const root = join(__dirname, '..', '..');
const manifestPath = join(root, 'manifest.yml');
const manifest = parse(readFileSync(manifestPath, 'utf8'));

describe('manifest.yml', () => {
  it('has every resource built (run npm run build first)', () => {
    for (const r of manifest.resources as Array<{ key: string; path: string }>) {
      expect(existsSync(join(root, r.path, 'index.html'))).toBe(true);
    }
  });

  it('passes @forge/manifest validation with no errors or warnings', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const result = await validate(false, 'manifest.yml');
      expect(result.errors ?? []).toEqual([]);
      expect(result.success).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  }, 30_000);

  it('uses no option the current manifest reference deprecates', () => {
    // jira:projectPage `layout`: Custom UI takes native (default) or blank; basic is deprecated (checked Dec 2026).
    for (const page of manifest.modules['jira:projectPage'] as Array<{ key: string; layout?: string }>) {
      expect({ key: page.key, layout: page.layout ?? 'native' }).toEqual({ key: page.key, layout: expect.stringMatching(/^(native|blank)$/) });
    }
  });

  it('shows readiness on every epic without a quick-add: a jira:issueContext beside the panel', () => {
    const [context] = manifest.modules['jira:issueContext'] ?? [];
    expect(context).toMatchObject({ resource: expect.any(String), resolver: { function: 'resolver' }, title: expect.any(String), label: expect.any(String) });
    expect(context.displayConditions).toEqual(manifest.modules['jira:issuePanel'][0].displayConditions);
  });

  it('declares every product surface on the nodejs22.x runtime with the smallest scopes', () => {
    const m = manifest.modules;
    expect(m['jira:issuePanel'][0].title).toBe('Production Handoff');
    expect(m['jira:workflowValidator'][0].name).toBe('Production handoff decided');
    expect(m['jira:workflowValidator'][0].function).toBeDefined();
    expect(m['jira:projectPage'][0].title).toBe('Readiness report');
    const props = (m['jira:entityProperty'] as Array<{ propertyKey: string; values: Array<{ path: string; type: string }> }>).find(
      (p) => p.propertyKey === 'production-handoff-readiness',
    );
    expect(props?.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'level', type: 'string' }),
        expect.objectContaining({ path: 'missingCount', type: 'number' }),
      ]),
    );
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
    expect([...manifest.permissions.scopes].sort()).toEqual(['read:jira-user', 'read:jira-work', 'storage:app', 'write:jira-work']);
  });
});
