/**
 * The gadget's edit view, as a Jira admin expects it: show "Projects" (picked from the projects the user may
 * browse) or a "Saved filter" (picked from the filters the user may see, searched by name), Save with
 * view.submit (Jira keeps the configuration per gadget), Cancel with view.close. Its own module: react-select
 * loads only when someone edits a gadget, never for the gadget's view.
 */
import { useCallback, useState } from 'react';
import { view } from '@forge/bridge';
import Button from '@atlaskit/button/new';
import { AsyncSelect } from '@atlaskit/select';
import { Stack, Text } from '@atlaskit/primitives';
import { GadgetConfig, ProjectKeys, type GadgetChoices } from '@src/shared/contract';
import { call } from '@ui/api';

interface Option {
  label: string;
  value: string;
}

type Source = 'projects' | 'filter';

/** What the form starts from: the saved configuration when it parses, else nothing chosen. */
function initialOf(saved: unknown): { source: Source; projects: Option[]; filter: Option | null } {
  const parsed = GadgetConfig.safeParse(saved ?? {});
  if (parsed.success && parsed.data.filterId !== undefined) {
    return { source: 'filter', projects: [], filter: { value: parsed.data.filterId, label: `Saved filter ${parsed.data.filterId}` } };
  }
  return { source: 'projects', projects: parsed.success && parsed.data.projects ? parsed.data.projects.map((k) => ({ value: k, label: k })) : [], filter: null };
}

async function choices(kind: 'projects' | 'filters', query: string): Promise<GadgetChoices> {
  const answer = await call('getGadgetChoices', { kind, ...(query.trim() ? { query: query.trim() } : {}) });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

export default function Edit({ saved }: { saved: unknown }) {
  const [initial] = useState(() => initialOf(saved));
  const [source, setSource] = useState<Source>(initial.source);
  const [projects, setProjects] = useState<readonly Option[]>(initial.projects);
  const [filter, setFilter] = useState<Option | null>(initial.filter);
  const [error, setError] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const loadProjects = useCallback(async (query: string): Promise<Option[]> => {
    try {
      const found = await choices('projects', query);
      setLoadError(undefined);
      return found.projects.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` }));
    } catch (e) {
      setLoadError(`Jira did not list the projects: ${(e as Error).message}`);
      return [];
    }
  }, []);
  const loadFilters = useCallback(async (query: string): Promise<Option[]> => {
    try {
      const found = (await choices('filters', query)).filters.map((f) => ({ value: f.id, label: f.name }));
      setLoadError(undefined);
      // The saved filter shows by its name once Jira has listed it.
      setFilter((current) => (current ? (found.find((f) => f.value === current.value) ?? current) : current));
      return found;
    } catch (e) {
      setLoadError(`Jira did not list the saved filters: ${(e as Error).message}`);
      return [];
    }
  }, []);

  const save = () => {
    let config: GadgetConfig;
    if (source === 'projects') {
      const keys = ProjectKeys.safeParse(projects.map((p) => p.value));
      if (!keys.success) return setError(keys.error.issues[0]?.message ?? 'Choose at least one project.');
      config = { projects: keys.data };
    } else {
      if (!filter) return setError('Choose a saved filter.');
      config = { filterId: filter.value };
    }
    setError(undefined);
    setSaving(true);
    view.submit(config).catch((e: unknown) => {
      setSaving(false);
      setError(`Jira did not save the gadget: ${e instanceof Error ? e.message : String(e)}`);
    });
  };

  const errorId = error ? 'gadget-error' : undefined;
  return (
    <form onSubmit={(e) => { e.preventDefault(); save(); }} aria-label="Configure the gadget">
      <Stack space="space.150">
        <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
          <legend style={{ fontWeight: 600, marginBottom: 4 }}>Show the initiatives of</legend>
          <div style={{ display: 'flex', gap: 16 }}>
            <label><input type="radio" name="gadget-source" id="gadget-source-projects" checked={source === 'projects'} onChange={() => { setSource('projects'); setError(undefined); }} /> Projects</label>
            <label><input type="radio" name="gadget-source" id="gadget-source-filter" checked={source === 'filter'} onChange={() => { setSource('filter'); setError(undefined); }} /> Saved filter</label>
          </div>
        </fieldset>
        {source === 'projects' ? (
          <div>
            <label htmlFor="gadget-projects" style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>Projects</label>
            <AsyncSelect<Option, true>
              inputId="gadget-projects"
              testId="gadget-projects"
              isMulti
              cacheOptions
              defaultOptions
              loadOptions={loadProjects}
              value={projects}
              onChange={(chosen) => setProjects(chosen)}
              placeholder="Choose projects"
              noOptionsMessage={({ inputValue }) => (inputValue ? `No project you can browse matches "${inputValue}"` : 'No projects you can browse')}
              aria-describedby={errorId}
            />
          </div>
        ) : (
          <div>
            <label htmlFor="gadget-filter" style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>Saved filter</label>
            <AsyncSelect<Option, false>
              inputId="gadget-filter"
              testId="gadget-filter"
              cacheOptions
              defaultOptions
              loadOptions={loadFilters}
              value={filter}
              onChange={(chosen) => setFilter(chosen)}
              placeholder="Search your filters and those shared with you"
              noOptionsMessage={({ inputValue }) => (inputValue ? `No filter you can see matches "${inputValue}"` : 'No saved filters you can see')}
              aria-describedby={errorId}
            />
            <Text size="small" color="color.text.subtle">Each viewer sees the filter&apos;s initiatives they may browse; people the filter is not shared with are told so.</Text>
          </div>
        )}
        {loadError && <Text color="color.text.danger">{loadError}</Text>}
        {error && <div role="alert"><Text color="color.text.danger" id="gadget-error">{error}</Text></div>}
        <div style={{ display: 'flex', gap: 8 }}>
          <Button type="submit" appearance="primary" testId="gadget-save" isDisabled={saving}>Save</Button>
          <Button onClick={() => void view.close()} testId="gadget-cancel">Cancel</Button>
        </div>
      </Stack>
    </form>
  );
}
