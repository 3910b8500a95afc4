import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { Label } from '@atlaskit/form';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { call, useAction, useResolver } from '@ui/api';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { Section } from '@ui/components/Section';
import { formatDateTime } from '@ui/words';

const codeStyles = xcss({ padding: 'space.100', backgroundColor: 'color.background.neutral', borderRadius: 'radius.small', overflowWrap: 'anywhere' });

/**
 * Report page → Settings (admins): the KPI feed's URL and tokens. A monitoring or BI system posts readings
 * to the URL with a token; a new token is shown once, here, and never again (only its hash is stored).
 */
export function FeedTokens() {
  const tokens = useResolver(() => call('getFeedTokens', {}), []);
  const { show } = tokens;
  const [name, setName] = useState('');
  const create = useAction(async (n: string) => {
    const answer = await call('createFeedToken', { name: n });
    if (answer.ok) {
      show(answer.data.view);
      setName('');
    }
    return answer;
  });
  const revoke = useAction(async (tokenId: string) => {
    const answer = await call('revokeFeedToken', { tokenId });
    if (answer.ok) show(answer.data);
    return answer;
  });
  const view = tokens.data;
  if (tokens.error) return <ErrorBanner error={tokens.error} loading="the KPI feed tokens" onReload={() => void tokens.reload()} />;
  if (!view) return <LoadingState label="Loading the KPI feed…" />;
  if (!view.canAdminister) return null;
  const fresh = create.data;
  return (
    <Section id="settings-kpi-feed" title="KPI feed" testId="kpi-feed-settings">
      <Text color="color.text.subtle">
        Monitoring and BI systems post KPI readings to this address with a token of this project. Each reading is checked, stored beside the epic&apos;s handoff and audited.
      </Text>
      <Box xcss={codeStyles}>
        <code data-testid="kpi-feed-url">{view.url}</code>
      </Box>
      {fresh && (
        <div data-testid="kpi-feed-new-token" role="status">
          <SectionMessage appearance="warning" title="Copy this token now: it is not shown again">
            <Stack space="space.100">
              <Box xcss={codeStyles}>
                <code data-testid="kpi-feed-token">{fresh.token}</code>
              </Box>
              <Text>
                Send it as <code>Authorization: Bearer &lt;token&gt;</code> with a JSON body such as{' '}
                <code>{'{"issue": "AIP-5", "kpiId": "…", "reading": {"date": "2026-03-31", "value": 97.2}}'}</code>.
              </Text>
            </Stack>
          </SectionMessage>
        </div>
      )}
      {(create.error || revoke.error) && <ErrorBanner error={(create.error ?? revoke.error)!} testId="kpi-feed-error" />}
      {view.tokens.length === 0 ? (
        <Text color="color.text.subtlest">No tokens yet.</Text>
      ) : (
        <Stack as="ul" space="space.100" testId="kpi-feed-tokens">
          {view.tokens.map((t) => (
            <Box as="li" key={t.tokenId} testId="kpi-feed-token-row">
              <Inline space="space.100" alignBlock="center" shouldWrap>
                <Text weight="semibold">{t.name}</Text>
                {t.revokedAt ? <Lozenge appearance="removed">Revoked</Lozenge> : <Lozenge appearance="success">Active</Lozenge>}
                <Text size="small" color="color.text.subtlest">
                  Created by {t.createdBy.displayName} {formatDateTime(t.createdAt)}
                  {t.revokedAt ? ` · revoked by ${t.revokedBy?.displayName ?? 'someone'} ${formatDateTime(t.revokedAt)}` : ''}
                </Text>
                {!t.revokedAt && (
                  <Button appearance="subtle" spacing="compact" aria-label={`Revoke the token ${t.name}`} isLoading={revoke.busy} onClick={() => void revoke.run(t.tokenId)}>
                    Revoke
                  </Button>
                )}
              </Inline>
            </Box>
          ))}
        </Stack>
      )}
      <form
        aria-label="New KPI feed token"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void create.run(name.trim());
        }}
      >
        <Inline space="space.100" alignBlock="end" shouldWrap>
          <Stack space="space.050">
            <Label htmlFor="kpi-feed-token-name">Name of the system that posts readings</Label>
            <Textfield id="kpi-feed-token-name" testId="kpi-feed-token-name" width="medium" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          </Stack>
          <Button type="submit" testId="kpi-feed-create" isLoading={create.busy} isDisabled={!name.trim()}>
            Create token
          </Button>
        </Inline>
      </form>
    </Section>
  );
}
