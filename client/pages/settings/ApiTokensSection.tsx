import { createSignal, Show } from 'solid-js';
import type { ApiToken } from '../../../schema/integrations';
import { readAll } from '../../api';
import { listApiTokens, revokeApiToken } from '../../api/apiTokens';
import { useI18n } from '../../i18n';
import { createFetched } from '../../lib/fetched';
import { RowButton, StatusBadge, type TableColumn } from '../customers/tabs/HoldingTable';
import { CreateApiTokenDialog } from './CreateApiTokenDialog';
import { CodeChips, IntegrationListCard } from './IntegrationControls';
import { permissionLabel } from './integrationLabels';

type TokenState = 'active' | 'expired' | 'revoked';

// The API lets a token work through its expiry day (UTC), so it has expired once that day is past.
const stateOf = (token: ApiToken): TokenState => (token.revokedAt ? 'revoked' : token.expiresOn && token.expiresOn < new Date().toISOString().slice(0, 10) ? 'expired' : 'active');

/** Issue 8, item 2: owner and admin create, list and revoke the reseller's API tokens. */
export function ApiTokensSection() {
  const i18n = useI18n();
  const tokens = createFetched(() => readAll(listApiTokens()));
  const [creating, setCreating] = createSignal(false);
  const [revoking, setRevoking] = createSignal<ApiToken>();

  // Under the state: when it was revoked, else until when it works.
  const validity = (token: ApiToken) => {
    if (token.revokedAt) return i18n.t('integrations.tokens.revokedAt', { date: i18n.formatDateTime(token.revokedAt) });
    return token.expiresOn ? i18n.t('integrations.tokens.validUntil', { date: i18n.formatDate(token.expiresOn) }) : i18n.t('integrations.tokens.noExpiry');
  };

  const columns = (): TableColumn<ApiToken>[] => [
    {
      id: 'name',
      label: i18n.t('integrations.tokens.columns.name'),
      rowHeader: true,
      cell: (token) => (
        <>
          <span class="cell-strong">{token.name}</span>
          <span class="cell-sub">
            <code class="token-prefix">{token.prefix}…</code> · {i18n.t('integrations.tokens.rateLimit', { count: i18n.formatNumber(token.rateLimitPerMinute) })}
          </span>
        </>
      ),
    },
    { id: 'scopes', label: i18n.t('integrations.tokens.columns.scopes'), cell: (token) => <CodeChips codes={token.scopes} label={(scope) => permissionLabel(i18n, scope)} /> },
    {
      id: 'created',
      label: i18n.t('integrations.tokens.columns.created'),
      cell: (token) => (
        <>
          <span class="cell-nowrap">{i18n.formatDateTime(token.createdAt)}</span>
          <span class="cell-sub">{i18n.t('integrations.tokens.createdBy', { name: token.createdBy })}</span>
        </>
      ),
    },
    {
      id: 'lastUsed',
      label: i18n.t('integrations.tokens.columns.lastUsed'),
      cell: (token) => <span class="cell-nowrap">{token.lastUsedAt ? i18n.formatDateTime(token.lastUsedAt) : i18n.t('integrations.tokens.neverUsed')}</span>,
    },
    {
      id: 'status',
      label: i18n.t('integrations.tokens.columns.status'),
      cell: (token) => (
        <>
          <StatusBadge tone={stateOf(token) === 'active' ? 'positive' : 'neutral'}>{i18n.t(`integrations.tokens.status.${stateOf(token)}`)}</StatusBadge>
          <span class="cell-sub cell-nowrap">{validity(token)}</span>
        </>
      ),
    },
    {
      id: 'actions',
      label: i18n.t('integrations.columns.actions'),
      cell: (token) => (
        <Show when={!token.revokedAt}>
          <div class="row-actions">
            <RowButton text={i18n.t('integrations.tokens.revoke')} row={token.name} danger onClick={() => setRevoking(token)} />
          </div>
        </Show>
      ),
    },
  ];

  return (
    <IntegrationListCard
      name="api-tokens"
      title={i18n.t('integrations.tokens.title')}
      description={i18n.t('integrations.tokens.description')}
      list={tokens}
      columns={columns()}
      inactive={(token) => stateOf(token) !== 'active'}
      empty={{ title: i18n.t('integrations.tokens.empty.title'), text: i18n.t('integrations.tokens.empty.text') }}
      addLabel={i18n.t('integrations.tokens.create')}
      onAdd={() => setCreating(true)}
      end={{
        label: i18n.t('integrations.tokens.revoke'),
        title: i18n.t('integrations.tokens.revokeTitle'),
        text: (token) => i18n.t('integrations.tokens.revokeConfirm', { name: token.name }),
        run: (token) => revokeApiToken(token.id),
        done: (token) => i18n.t('integrations.tokens.revoked', { name: token.name }),
      }}
      ending={revoking()}
      onEndClosed={() => setRevoking(undefined)}
    >
      <CreateApiTokenDialog open={creating()} onOpenChange={setCreating} onCreated={() => void tokens.refetch()} />
    </IntegrationListCard>
  );
}
