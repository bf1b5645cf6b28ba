import { createEffect, createSignal, on } from 'solid-js';
import type { ResellerSettings, SettingsUpdateInput } from '../../../schema/settings';
import { FailureAlert } from '../../components/FailureAlert';
import { Field } from '../../components/Field';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { fieldErrorText, useI18n } from '../../i18n';
import '../invitations/invitations.css';
import { createSettingsForm } from './settingsForm';

/** Seed 004's indirect provider and how long invitation links stay valid; saved together. */
export function InvitationSettings(props: { current: ResellerSettings; save: (patch: SettingsUpdateInput) => Promise<ResellerSettings> }) {
  const i18n = useI18n();
  const form = createSettingsForm(props);
  const [provider, setProvider] = createSignal(props.current.indirectProvider);
  const [days, setDays] = createSignal(String(props.current.invitationDays));
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
    const typed = days().trim();
    await form.save(
      { indirectProvider: provider(), invitationDays: /^\d+$/.test(typed) ? Number(typed) : Number.NaN },
      (output) => output.indirectProvider === props.current.indirectProvider && output.invitationDays === props.current.invitationDays,
      i18n.t('common.saved'),
    );
  }

  return (
    <form class="form invitation-settings" novalidate onSubmit={save} data-testid="invitation-settings">
      <h3 class="invitation-settings-title">{i18n.t('settings.reseller.invitationsTitle')}</h3>
      <div class="invitation-settings-fields">
        <Field label={i18n.t('settings.reseller.indirectProvider')} hint={i18n.t('settings.reseller.indirectProviderHint')} error={fieldErrorText(i18n, form.errors().indirectProvider)}>
          {(control) => <input {...control} class="input" name="indirectProvider" maxLength={200} value={provider()} onInput={(event) => setProvider(event.currentTarget.value)} />}
        </Field>
        <Field label={i18n.t('settings.reseller.invitationDays')} hint={i18n.t('settings.reseller.invitationDaysHint')} error={fieldErrorText(i18n, form.errors().invitationDays)}>
          {(control) => (
            <input {...control} class="input input-days" name="invitationDays" type="number" inputmode="numeric" min="1" max="90" step="1" value={days()} onInput={(event) => setDays(event.currentTarget.value)} />
          )}
        </Field>
      </div>
      <FailureAlert text={form.failure()} />
      <UnsavedChangesGuard when={provider() !== props.current.indirectProvider || days() !== String(props.current.invitationDays)} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={form.saving()}>
          {form.saving() ? i18n.t('common.saving') : i18n.t('common.save')}
        </button>
      </div>
    </form>
  );
}
