import Spinner from '@atlaskit/spinner';
import { Inline, Text } from '@atlaskit/primitives';

export function LoadingState({ label }: { label: string }) {
  return (
    <Inline space="space.100" alignBlock="center" testId="loading">
      <Spinner size="medium" label={label} />
      <Text color="color.text.subtlest">{label}</Text>
    </Inline>
  );
}
