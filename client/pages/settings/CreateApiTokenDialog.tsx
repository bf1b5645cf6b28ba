import { type ApiToken, apiTokenCreateInput } from '../../../schema/integrations';
import { type Permission, permissions } from '../../../schema/permissions';
import { createApiToken } from '../../api/apiTokens';
import { Field } from '../../components/Field';
import { TextField } from '../../components/FormControls';
import { useI18n } from '../../i18n';
import { atList, checkWith, createForm } from '../../lib/form';
import { useSession } from '../../session';
import { ChoiceChecklist } from './IntegrationControls';
import { tomorrow, toWholeNumber } from './integrationForms';
import { inListOrder, permissionGroups, permissionLabel } from './integrationLabels';
import { SecretFormDialog } from './OneTimeSecret';

interface TokenDraft {
  name: string;
  scopes: Permission[];
  expiresOn: string;
  rateLimitPerMinute: string;
}
const emptyToken = (): TokenDraft => ({ name: '', scopes: [], expiresOn: '', rateLimitPerMinute: '' });

/** "Token erstellen": name, scopes (only what the user holds), optional expiry and rate; then the secret, once. */
export function CreateApiTokenDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; onCreated: (token: ApiToken) => void }) {
  const i18n = useI18n();
  const session = useSession();
  const form = createForm({
    initial: emptyToken,
    check: checkWith(apiTokenCreateInput, ({ name, scopes, expiresOn, rateLimitPerMinute }: TokenDraft) => ({
      name,
      scopes: inListOrder(permissions, scopes),
      expiresOn: expiresOn || undefined,
      rateLimitPerMinute: toWholeNumber(rateLimitPerMinute),
    })),
    // The API names the list (none chosen) or one entry of it (not allowed): either way, under the checklist.
    fieldOf: atList('scopes'),
  });

  async function create(): Promise<string | undefined> {
    const created = await form.submit(createApiToken);
    if (!created) return undefined;
    props.onCreated(created.token);
    return created.secret;
  }

  return (
    <SecretFormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={i18n.t('integrations.tokens.dialog.title')}
      createdTitle={i18n.t('integrations.tokens.dialog.createdTitle')}
      description={i18n.t('integrations.tokens.dialog.description')}
      form={form}
      submitLabel={i18n.t('integrations.tokens.create')}
      testId="api-token-form"
      create={create}
      secretLabel={i18n.t('integrations.tokens.dialog.secretLabel')}
      usage={() => (
        <p class="muted">
          {i18n.t('integrations.tokens.dialog.usage')} <code class="inline-code">Authorization: Bearer dsk_…</code>
        </p>
      )}
    >
      <TextField label={i18n.t('integrations.tokens.dialog.name')} required hint={i18n.t('integrations.tokens.dialog.nameHint')} maxLength={80} {...form.field('name')} />
      <ChoiceChecklist
        legend={i18n.t('integrations.tokens.dialog.scopes')}
        hint={i18n.t('integrations.tokens.dialog.scopesHint')}
        name="scopes"
        groups={permissionGroups(i18n, session.info().permissions)}
        label={(scope) => permissionLabel(i18n, scope)}
        selected={form.values.scopes}
        onChange={(chosen) => form.set('scopes', chosen)}
        error={form.error('scopes')}
      />
      <div class="form-row">
        <Field label={i18n.t('integrations.tokens.dialog.expiresOn')} hint={i18n.t('integrations.tokens.dialog.expiresOnHint')} error={form.error('expiresOn')}>
          {(control) => (
            <input
              {...control}
              class="input"
              type="date"
              name="expiresOn"
              min={tomorrow()}
              value={form.values.expiresOn}
              onInput={(event) => form.set('expiresOn', event.currentTarget.value)}
            />
          )}
        </Field>
        <TextField
          label={i18n.t('integrations.tokens.dialog.rateLimit')}
          inputMode="decimal"
          hint={i18n.t('integrations.tokens.dialog.rateLimitHint')}
          maxLength={6}
          {...form.field('rateLimitPerMinute')}
        />
      </div>
    </SecretFormDialog>
  );
}
