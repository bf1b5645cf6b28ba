import { Show } from 'solid-js';
import { FailureAlert } from '../../components/FailureAlert';
import { Field } from '../../components/Field';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { useI18n } from '../../i18n';
import { centsToInput, parseMoneyToCents } from '../../lib/money';
import { createSettingsForm, type SettingsFormProps } from './settingsForm';

/**
 * A Standard reseller's markup on its customers' monthly revenue. A percentage has two
 * decimals like an amount, so "12,5" is read as money and gives basis points (1250) directly.
 */
export function MarkupSettings(props: SettingsFormProps) {
  const i18n = useI18n();
  const { form, save } = createSettingsForm(props, {
    // The input holds the percentage as typed ("12,5"), under the name of what it becomes.
    values: (current) => ({ markupBasisPoints: centsToInput(current.markupBasisPoints, i18n.intlLocale()) }),
    toInput: ({ markupBasisPoints }) => ({ markupBasisPoints: parseMoneyToCents(markupBasisPoints.replace('%', '')) }),
    unchanged: (output, current) => output.markupBasisPoints === current.markupBasisPoints,
    savedText: () => i18n.t('settings.reseller.markupSaved'),
  });
  const standard = () => props.current.partnerType === 'standard';

  return (
    <form class="form invitation-settings" {...form.element(() => void save())} data-testid="markup-settings">
      <h3 class="invitation-settings-title">{i18n.t('settings.reseller.markupTitle')}</h3>
      <Field
        label={i18n.t('settings.reseller.markup')}
        hint={i18n.t(standard() ? 'settings.reseller.markupHint' : 'settings.reseller.markupBasicHint')}
        error={form.error('markupBasisPoints')}
      >
        {(control) => (
          <input
            {...control}
            class="input input-days"
            name="markup"
            inputmode="decimal"
            disabled={!standard()}
            value={form.values.markupBasisPoints}
            onInput={(event) => form.set('markupBasisPoints', event.currentTarget.value)}
          />
        )}
      </Field>
      <FailureAlert text={form.failure()} />
      <UnsavedChangesGuard when={standard() && form.dirty()} />
      <Show when={standard()}>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={form.submitting()}>
            {form.submitting() ? i18n.t('common.saving') : i18n.t('common.save')}
          </button>
        </div>
      </Show>
    </form>
  );
}
