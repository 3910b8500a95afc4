import { DEFAULT_GATE_CONFIG } from './policy';
import { parseGateConfig } from './gate-config';

describe('parseGateConfig', () => {
  test('reads the JSON string the config screen saved', () => {
    const { config, problem } = parseGateConfig(JSON.stringify({ scopeLabel: 'genai', requireWorkstreamsDone: true }));
    expect(problem).toBeUndefined();
    expect(config).toEqual({ scopeLabel: 'genai', requireWorkstreamsDone: true });
  });

  test('accepts an already-parsed object and fills defaults', () => {
    expect(parseGateConfig({ kpiMinimums: { operational: 2, business: 0 } }).config).toEqual({ ...DEFAULT_GATE_CONFIG, kpiMinimums: { operational: 2, business: 0 } });
  });

  test('no configuration yet means the defaults, without a problem', () => {
    for (const raw of [undefined, null, '']) expect(parseGateConfig(raw)).toEqual({ config: DEFAULT_GATE_CONFIG });
  });

  test('broken or invalid configuration gives the screens the defaults and says why', () => {
    expect(parseGateConfig('{not json').problem).toBe('configuration is not JSON');
    const invalid = parseGateConfig({ scopeLabel: 'x', requireWorkstreamsDone: 'yes' });
    expect(invalid.config).toEqual(DEFAULT_GATE_CONFIG);
    expect(invalid.problem).toMatch(/requireWorkstreamsDone/);
  });

  test('a configuration with a setting this version does not know is a problem, not the defaults; the scope label is read on its own', () => {
    const newer = parseGateConfig(JSON.stringify({ scopeLabel: 'genai-pilot', requireSecurityReview: true }));
    expect(newer.problem).toBe('unknown setting requireSecurityReview');
    expect(newer.scopeLabel).toBe('genai-pilot');
    expect(parseGateConfig({ requireSecurityReview: true }).scopeLabel).toBe('ai-initiative');
    expect(parseGateConfig({ scopeLabel: 42, x: 1 }).scopeLabel).toBeUndefined();
    expect(parseGateConfig('{"scopeLabel": "genai-pilot"').scopeLabel).toBeUndefined();
    expect(parseGateConfig('[]').scopeLabel).toBeUndefined();
  });
});
