import { createEffect, createSignal, on, Show } from 'solid-js';
import type { ResellerSettings, SettingsUpdateInput } from '../../../schema/settings';
import { FailureAlert } from '../../components/FailureAlert';
import { Field } from '../../components/Field';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { fieldErrorText, useI18n } from '../../i18n';
import { centsToInput, parseMoneyToCents } from '../../lib/money';
import { createSettingsForm } from './settingsForm';

/**
 * Seed 000: a Standard reseller's markup on its customers' monthly revenue. A percentage has two
 * decimals like an amount, so "12,5" is read as money and gives basis points (1250) directly.
 */
export function MarkupSettings(props: { current: ResellerSettings; save: (patch: SettingsUpdateInput) => Promise<ResellerSettings> }) {
  const i18n = useI18n();
  const form = createSettingsForm(props);
  const standard = () => props.current.partnerType === 'standard';
  const [percent, setPercent] = createSignal(centsToInput(props.current.markupBasisPoints, i18n.intlLocale()));
  createEffect(on(() => props.current.version, () => setPercent(centsToInput(props.current.markupBasisPoints, i18n.intlLocale())), { defer: true }));

  async function save(event: SubmitEvent) {
    event.preventDefault();
    await form.save(
      { markupBasisPoints: parseMoneyToCents(percent().replace('%', '')) },
      (output) => output.markupBasisPoints === props.current.markupBasisPoints,
      i18n.t('settings.reseller.markupSaved'),
    );
  }

  return (
    <form class="form invitation-settings" novalidate onSubmit={save} data-testid="markup-settings">
      <h3 class="invitation-settings-title">{i18n.t('settings.reseller.markupTitle')}</h3>
      <Field
        label={i18n.t('settings.reseller.markup')}
        hint={i18n.t(standard() ? 'settings.reseller.markupHint' : 'settings.reseller.markupBasicHint')}
        error={fieldErrorText(i18n, form.errors().markupBasisPoints)}
      >
        {(control) => (
          <input {...control} class="input input-days" name="markup" inputmode="decimal" disabled={!standard()} value={percent()} onInput={(event) => setPercent(event.currentTarget.value)} />
        )}
      </Field>
      <FailureAlert text={form.failure()} />
      <UnsavedChangesGuard when={standard() && percent() !== centsToInput(props.current.markupBasisPoints, i18n.intlLocale())} />
      <Show when={standard()}>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={form.saving()}>
            {form.saving() ? i18n.t('common.saving') : i18n.t('common.save')}
          </button>
        </div>
      </Show>
    </form>
  );
}
