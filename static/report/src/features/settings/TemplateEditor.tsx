import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import { Checkbox } from '@atlaskit/checkbox';
import { Label } from '@atlaskit/form';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { WORKSTREAM_NAMES, type SubtaskAssignee, type SubtaskTemplate, type WorkstreamTemplate } from '@src/domain/policy';
import { LIMITS } from '@src/domain/record';
import { FieldMessage, SelectInput, TextInput } from './fields';

const cardStyles = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.medium',
  padding: 'space.200',
});
const subtaskStyles = xcss({ paddingInlineStart: 'space.200', borderInlineStartWidth: 'border.width.focused', borderInlineStartStyle: 'solid', borderInlineStartColor: 'color.border' });

const ASSIGNEE_OPTIONS: ReadonlyArray<{ value: SubtaskAssignee; label: string }> = [
  { value: 'lead', label: 'The workstream lead' },
  { value: 'owner', label: 'The delivery owner' },
  { value: 'nobody', label: 'Nobody' },
];

interface Props {
  index: number;
  template: WorkstreamTemplate;
  errors: Record<string, string>;
  onChange: (template: WorkstreamTemplate) => void;
}

/** A new item's id: stable once saved, since each sub-task's marker names it. */
const newSubtaskId = (taken: ReadonlySet<string>): string => {
  for (;;) {
    const id = `custom-${globalThis.crypto.randomUUID().slice(0, 8)}`;
    if (!taken.has(id)) return id;
  }
};

function SubtaskEditor({ base, path, subtask, position, errors, onChange, onRemove }: {
  base: string;
  path: string;
  subtask: SubtaskTemplate;
  position: number;
  errors: Record<string, string>;
  onChange: (s: SubtaskTemplate) => void;
  onRemove: () => void;
}) {
  const id = `${base}-subtask-${subtask.id}`;
  const descriptionError = errors[`${path}.description`];
  return (
    <Box xcss={subtaskStyles} testId={id}>
      <Stack space="space.100">
        <TextInput id={`${id}-summary`} label={`Sub-task ${position}: summary`} value={subtask.summary} error={errors[`${path}.summary`]} onChange={(summary) => onChange({ ...subtask, summary })} />
        <Stack space="space.050">
          <Label htmlFor={`${id}-description`}>{`Sub-task ${position}: description`}</Label>
          <TextArea
            id={`${id}-description`}
            testId={`${id}-description`}
            value={subtask.description}
            minimumRows={2}
            resize="vertical"
            isInvalid={Boolean(descriptionError)}
            aria-describedby={descriptionError ? `${id}-description-error` : undefined}
            onChange={(e) => onChange({ ...subtask, description: e.currentTarget.value })}
          />
          <FieldMessage id={`${id}-description`} error={descriptionError} />
        </Stack>
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <SelectInput id={`${id}-assign`} label={`Sub-task ${position}: assigned to`} value={subtask.assignTo} options={ASSIGNEE_OPTIONS} onChange={(assignTo) => onChange({ ...subtask, assignTo })} />
          <Button appearance="subtle" onClick={onRemove} testId={`${id}-remove`}>
            Remove sub-task {position}
          </Button>
        </Inline>
      </Stack>
    </Box>
  );
}

export function TemplateEditor({ index, template, errors, onChange }: Props) {
  const name = WORKSTREAM_NAMES[template.key];
  const base = `template-${template.key}`;
  const titleError = errors[`workstreamTemplates.${index}.titlePattern`];
  const descriptionError = errors[`workstreamTemplates.${index}.description`];
  const subtasksError = errors[`workstreamTemplates.${index}.subtasks`];
  const setSubtasks = (subtasks: SubtaskTemplate[]) => onChange({ ...template, subtasks });
  const add = () => setSubtasks([...template.subtasks, { id: newSubtaskId(new Set(template.subtasks.map((s) => s.id))), summary: '', description: '', assignTo: 'lead' }]);
  return (
    <Box xcss={cardStyles} testId={base}>
      <Stack space="space.150">
        <Checkbox
          testId={`${base}-enabled`}
          label={`Create a ${name} workstream`}
          isChecked={template.enabled}
          onChange={(e) => onChange({ ...template, enabled: e.currentTarget.checked })}
        />
        <TextInput
          id={`${base}-title`}
          label={`${name}: issue title`}
          value={template.titlePattern}
          error={titleError}
          help="{epicKey} and {epicSummary} are replaced with the epic's key and summary."
          onChange={(titlePattern) => onChange({ ...template, titlePattern })}
        />
        <Stack space="space.050">
          <Label htmlFor={`${base}-description`}>{`${name}: description and definition of done`}</Label>
          <TextArea
            id={`${base}-description`}
            testId={`${base}-description`}
            value={template.description}
            minimumRows={3}
            resize="vertical"
            isInvalid={Boolean(descriptionError)}
            aria-describedby={descriptionError ? `${base}-description-error` : undefined}
            onChange={(e) => onChange({ ...template, description: e.currentTarget.value })}
          />
          <FieldMessage id={`${base}-description`} error={descriptionError} />
        </Stack>
        <Stack space="space.100">
          <Text weight="medium">{`${name}: sub-tasks`}</Text>
          <Text size="small" color="color.text.subtlest">
            Each {name} issue gets these sub-tasks; changing the words later never duplicates one.
          </Text>
          {template.subtasks.map((subtask, i) => (
            <SubtaskEditor
              key={subtask.id}
              base={base}
              path={`workstreamTemplates.${index}.subtasks.${i}`}
              subtask={subtask}
              position={i + 1}
              errors={errors}
              onChange={(s) => setSubtasks(template.subtasks.map((x, j) => (j === i ? s : x)))}
              onRemove={() => setSubtasks(template.subtasks.filter((_, j) => j !== i))}
            />
          ))}
          {subtasksError && <FieldMessage id={`${base}-subtasks`} error={subtasksError} />}
          <Box>
            <Button onClick={add} isDisabled={template.subtasks.length >= LIMITS.templateSubtasks} testId={`${base}-add-subtask`}>
              Add a {name} sub-task
            </Button>
          </Box>
        </Stack>
      </Stack>
    </Box>
  );
}
