import TextArea from '@atlaskit/textarea';
import { Checkbox } from '@atlaskit/checkbox';
import { Label } from '@atlaskit/form';
import { Box, Stack, xcss } from '@atlaskit/primitives';
import { WORKSTREAM_NAMES, type WorkstreamTemplate } from '@src/domain/policy';
import { FieldMessage, TextInput } from './fields';

const cardStyles = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.medium',
  padding: 'space.200',
});

interface Props {
  index: number;
  template: WorkstreamTemplate;
  errors: Record<string, string>;
  onChange: (template: WorkstreamTemplate) => void;
}

export function TemplateEditor({ index, template, errors, onChange }: Props) {
  const name = WORKSTREAM_NAMES[template.key];
  const base = `template-${template.key}`;
  const titleError = errors[`workstreamTemplates.${index}.titlePattern`];
  const descriptionError = errors[`workstreamTemplates.${index}.description`];
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
      </Stack>
    </Box>
  );
}
