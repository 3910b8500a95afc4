import { ErrorBanner } from '@ui/components/ErrorBanner';
import type { SaveForm } from '../hooks/useSaveForm';

/** The form's banner: server errors with "Reload latest" (the form keeps its input). */
export function FormFeedback({ form }: { form: SaveForm }) {
  if (!form.error) return null;
  const offerReload = form.error.code !== 'VALIDATION';
  return <ErrorBanner error={form.error} onReload={offerReload ? () => void form.reloadLatest() : undefined} />;
}
