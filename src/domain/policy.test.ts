import { defaultProjectSettings, JiraLabel, ProjectSettings } from './policy';

describe('JiraLabel', () => {
  it('refuses control characters with a message that says so', () => {
    for (const label of ['x\u0000', 'ai\u0007initiative', '\u001bx', 'x\u007f', 'x\u009b']) {
      const parsed = JiraLabel.safeParse(label);
      expect({ label, success: parsed.success }).toEqual({ label, success: false });
      expect(parsed.error?.issues[0].message).toBe('A label cannot contain control characters (such as a null byte or an escape)');
    }
  });
  it('accepts an ordinary label, an empty one and letters beyond ASCII', () => {
    for (const label of ['ai-initiative', '', 'künstliche-intelligenz', 'ИИ']) expect(JiraLabel.safeParse(label).success).toBe(true);
  });
  it('is what project settings check', () => {
    const parsed = ProjectSettings.safeParse({ ...defaultProjectSettings(), initiativeLabel: 'x\u0000' });
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['initiativeLabel']);
  });
});
