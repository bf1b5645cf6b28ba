import { createEffect, createSignal, on } from 'solid-js';
import * as v from 'valibot';
import { settingsUpdateInput, type ResellerSettings } from '../../../schema/settings';
import { api, ApiError } from '../../api';
import { FailureAlert } from '../../components/FailureAlert';
import { Field } from '../../components/Field';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { useToast } from '../../components/Toast';
import { errorText, fieldErrorText, useI18n } from '../../i18n';
import { issuesToFields } from '../../lib/formErrors';
import '../invitations/invitations.css';

/** Seed 004's indirect provider and how long invitation links stay valid; saved together. */
export function InvitationSettings(props: { current: ResellerSettings; onSaved: (settings: ResellerSettings) => void }) {
  const i18n = useI18n();
  const toast = useToast();
  const [provider, setProvider] = createSignal(props.current.indirectProvider);
  const [days, setDays] = createSignal(String(props.current.invitationDays));
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);
  // A newer version (own save of another setting, or a conflict) shows its values.
  createEffect(
    on(
      () => props.current.version,
      () => {
        setProvider(props.current.indirectProvider);
        setDays(String(props.current.invitationDays));
      },
      { defer: true },
    ),
  );

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    const typed = days().trim();
    const parsed = v.safeParse(settingsUpdateInput, {
      version: props.current.version,
      indirectProvider: provider(),
      invitationDays: /^\d+$/.test(typed) ? Number(typed) : Number.NaN,
    });
    if (!parsed.success) {
      setErrors(issuesToFields(parsed.issues));
      return;
    }
    setErrors({});
    if (parsed.output.indirectProvider === props.current.indirectProvider && parsed.output.invitationDays === props.current.invitationDays) {
      toast.show('info', i18n.t('customers.view.nothingChanged'));
      return;
    }
    setSaving(true);
    try {
      const body = await api.patch<{ settings: ResellerSettings }>('/api/v1/settings', parsed.output);
      props.onSaved(body.settings);
      toast.show('success', i18n.t('common.saved'));
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fields);
        if (error.code === 'version_conflict' && error.current) props.onSaved(error.current as ResellerSettings);
      }
      setFailure(errorText(i18n, error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="form invitation-settings" novalidate onSubmit={save} data-testid="invitation-settings">
      <h3 class="invitation-settings-title">{i18n.t('settings.reseller.invitationsTitle')}</h3>
      <div class="invitation-settings-fields">
        <Field label={i18n.t('settings.reseller.indirectProvider')} hint={i18n.t('settings.reseller.indirectProviderHint')} error={fieldErrorText(i18n, errors().indirectProvider)}>
          {(control) => <input {...control} class="input" name="indirectProvider" maxLength={200} value={provider()} onInput={(event) => setProvider(event.currentTarget.value)} />}
        </Field>
        <Field label={i18n.t('settings.reseller.invitationDays')} hint={i18n.t('settings.reseller.invitationDaysHint')} error={fieldErrorText(i18n, errors().invitationDays)}>
          {(control) => (
            <input {...control} class="input input-days" name="invitationDays" type="number" inputmode="numeric" min="1" max="90" step="1" value={days()} onInput={(event) => setDays(event.currentTarget.value)} />
          )}
        </Field>
      </div>
      <FailureAlert text={failure()} />
      <UnsavedChangesGuard when={provider() !== props.current.indirectProvider || days() !== String(props.current.invitationDays)} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={saving()}>
          {saving() ? i18n.t('common.saving') : i18n.t('common.save')}
        </button>
      </div>
    </form>
  );
}
