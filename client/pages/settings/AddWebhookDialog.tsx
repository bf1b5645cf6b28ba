import { type WebhookEndpoint, webhookCreateInput, webhookEventTypes } from '../../../schema/integrations';
import { createWebhook } from '../../api/webhooks';
import { Field } from '../../components/Field';
import { TextField } from '../../components/FormControls';
import { useI18n } from '../../i18n';
import { atList, checkWith, createForm } from '../../lib/form';
import { ChoiceChecklist } from './IntegrationControls';
import { withHttps } from './integrationForms';
import { eventGroups, eventLabel, inListOrder, type WebhookEventType } from './integrationLabels';
import { SecretFormDialog } from './OneTimeSecret';

interface WebhookDraft {
  url: string;
  eventTypes: WebhookEventType[];
  description: string;
}
const emptyWebhook = (): WebhookDraft => ({ url: '', eventTypes: [], description: '' });

/** How a receiver checks a delivery, next to the secret it needs for that. */
function SignatureHowTo() {
  const i18n = useI18n();
  return (
    <section class="signature-howto" aria-labelledby="signature-howto-title">
      <h3 class="form-group-title" id="signature-howto-title">
        {i18n.t('integrations.webhooks.verify.title')}
      </h3>
      <ol>
        <li>{i18n.t('integrations.webhooks.verify.header')}</li>
        <li>{i18n.t('integrations.webhooks.verify.compute')}</li>
        <li>{i18n.t('integrations.webhooks.verify.compare')}</li>
        <li>{i18n.t('integrations.webhooks.verify.answer')}</li>
      </ol>
      <pre class="signature-example">
        <code>{'x-desk-signature: t=1767225600,v1=5f2b…\nv1 == hex(HMAC-SHA256(secret, t + "." + body))'}</code>
      </pre>
    </section>
  );
}

/** "Webhook hinzufügen": https address, events, description; then the signing secret, once. */
export function AddWebhookDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; onCreated: (endpoint: WebhookEndpoint) => void }) {
  const i18n = useI18n();
  const form = createForm({
    initial: emptyWebhook,
    check: checkWith(webhookCreateInput, ({ url, eventTypes, description }: WebhookDraft) => ({
      url: withHttps(url),
      eventTypes: inListOrder(webhookEventTypes, eventTypes),
      description,
    })),
    fieldOf: atList('eventTypes'),
  });

  async function add(): Promise<string | undefined> {
    // The address is shown as it is sent: with the https:// it was meant to have.
    form.set('url', withHttps(form.values.url));
    const created = await form.submit(createWebhook);
    if (!created) return undefined;
    props.onCreated(created.endpoint);
    return created.secret;
  }

  return (
    <SecretFormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={i18n.t('integrations.webhooks.dialog.title')}
      createdTitle={i18n.t('integrations.webhooks.dialog.createdTitle')}
      description={i18n.t('integrations.webhooks.dialog.description')}
      form={form}
      submitLabel={i18n.t('integrations.webhooks.add')}
      testId="webhook-form"
      create={add}
      secretLabel={i18n.t('integrations.webhooks.dialog.secretLabel')}
      usage={() => <SignatureHowTo />}
    >
      <Field label={i18n.t('integrations.webhooks.dialog.url')} hint={i18n.t('integrations.webhooks.dialog.urlHint')} error={form.error('url')} required>
        {(control) => (
          <input
            {...control}
            class="input"
            type="url"
            inputMode="url"
            name="url"
            autocomplete="off"
            spellcheck={false}
            maxLength={500}
            placeholder="https://"
            value={form.values.url}
            onInput={(event) => form.set('url', event.currentTarget.value)}
          />
        )}
      </Field>
      <ChoiceChecklist
        legend={i18n.t('integrations.webhooks.dialog.events')}
        hint={i18n.t('integrations.webhooks.dialog.eventsHint')}
        name="eventTypes"
        groups={eventGroups(i18n)}
        label={(kind) => eventLabel(i18n, kind)}
        selected={form.values.eventTypes}
        onChange={(chosen) => form.set('eventTypes', chosen)}
        error={form.error('eventTypes')}
      />
      <TextField label={i18n.t('integrations.webhooks.dialog.note')} hint={i18n.t('integrations.webhooks.dialog.noteHint')} maxLength={120} {...form.field('description')} />
    </SecretFormDialog>
  );
}
