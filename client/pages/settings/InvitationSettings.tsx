import { FailureAlert } from '../../components/FailureAlert';
import { Field } from '../../components/Field';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { useI18n } from '../../i18n';
import '../invitations/invitations.css';
import { createSettingsForm, type SettingsFormProps } from './settingsForm';

/** The reseller's indirect provider and how long invitation links stay valid; saved together. */
export function InvitationSettings(props: SettingsFormProps) {
  const i18n = useI18n();
  const { form, save } = createSettingsForm(props, {
    values: (current) => ({ indirectProvider: current.indirectProvider, invitationDays: String(current.invitationDays) }),
    toInput: ({ indirectProvider, invitationDays }) => ({ indirectProvider, invitationDays: /^\d+$/.test(invitationDays.trim()) ? Number(invitationDays.trim()) : Number.NaN }),
    unchanged: (output, current) => output.indirectProvider === current.indirectProvider && output.invitationDays === current.invitationDays,
    savedText: () => i18n.t('common.saved'),
  });

  return (
    <form class="form invitation-settings" {...form.element(() => void save())} data-testid="invitation-settings">
      <h3 class="invitation-settings-title">{i18n.t('settings.reseller.invitationsTitle')}</h3>
      <div class="invitation-settings-fields">
        <Field label={i18n.t('settings.reseller.indirectProvider')} hint={i18n.t('settings.reseller.indirectProviderHint')} error={form.error('indirectProvider')}>
          {(control) => (
            <input
              {...control}
              class="input"
              name="indirectProvider"
              maxLength={200}
              value={form.values.indirectProvider}
              onInput={(event) => form.set('indirectProvider', event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={i18n.t('settings.reseller.invitationDays')} hint={i18n.t('settings.reseller.invitationDaysHint')} error={form.error('invitationDays')}>
          {(control) => (
            <input
              {...control}
              class="input input-days"
              name="invitationDays"
              type="number"
              inputmode="numeric"
              min="1"
              max="90"
              step="1"
              value={form.values.invitationDays}
              onInput={(event) => form.set('invitationDays', event.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <FailureAlert text={form.failure()} />
      <UnsavedChangesGuard when={form.dirty()} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={form.submitting()}>
          {form.submitting() ? i18n.t('common.saving') : i18n.t('common.save')}
        </button>
      </div>
    </form>
  );
}
