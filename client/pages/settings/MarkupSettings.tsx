import { createEffect, createSignal, on, Show } from 'solid-js';
import * as v from 'valibot';
import { settingsUpdateInput, type ResellerSettings } from '../../../schema/settings';
import { api, ApiError } from '../../api';
import { FailureAlert } from '../../components/FailureAlert';
import { Field } from '../../components/Field';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { useToast } from '../../components/Toast';
import { errorText, fieldErrorText, useI18n } from '../../i18n';
import { issuesToFields } from '../../lib/formErrors';
import { centsToInput, parseMoneyToCents } from '../../lib/money';

/**
 * Seed 000: a Standard reseller's markup on its customers' monthly revenue. A percentage has two
 * decimals like an amount, so "12,5" is read as money and gives basis points (1250) directly.
 */
export function MarkupSettings(props: { current: ResellerSettings; onSaved: (settings: ResellerSettings) => void }) {
  const i18n = useI18n();
  const toast = useToast();
  const standard = () => props.current.partnerType === 'standard';
  const [percent, setPercent] = createSignal(centsToInput(props.current.markupBasisPoints, i18n.intlLocale()));
  const [error, setError] = createSignal<string>();
  const [failure, setFailure] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);
  createEffect(on(() => props.current.version, () => setPercent(centsToInput(props.current.markupBasisPoints, i18n.intlLocale())), { defer: true }));

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    const parsed = v.safeParse(settingsUpdateInput, { version: props.current.version, markupBasisPoints: parseMoneyToCents(percent().replace('%', '')) });
    if (!parsed.success) {
      setError(issuesToFields(parsed.issues).markupBasisPoints);
      return;
    }
    setError(undefined);
    if (parsed.output.markupBasisPoints === props.current.markupBasisPoints) {
      toast.show('info', i18n.t('customers.view.nothingChanged'));
      return;
    }
    setSaving(true);
    try {
      const body = await api.patch<{ settings: ResellerSettings }>('/api/v1/settings', parsed.output);
      props.onSaved(body.settings);
      toast.show('success', i18n.t('settings.reseller.markupSaved'));
    } catch (caught) {
      if (caught instanceof ApiError) {
        setError(caught.fields.markupBasisPoints);
        if (caught.code === 'version_conflict' && caught.current) props.onSaved(caught.current as ResellerSettings);
      }
      setFailure(errorText(i18n, caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="form invitation-settings" novalidate onSubmit={save} data-testid="markup-settings">
      <h3 class="invitation-settings-title">{i18n.t('settings.reseller.markupTitle')}</h3>
      <Field
        label={i18n.t('settings.reseller.markup')}
        hint={i18n.t(standard() ? 'settings.reseller.markupHint' : 'settings.reseller.markupBasicHint')}
        error={error() ? fieldErrorText(i18n, error()) : undefined}
      >
        {(control) => (
          <input {...control} class="input input-days" name="markup" inputmode="decimal" disabled={!standard()} value={percent()} onInput={(event) => setPercent(event.currentTarget.value)} />
        )}
      </Field>
      <FailureAlert text={failure()} />
      <UnsavedChangesGuard when={standard() && percent() !== centsToInput(props.current.markupBasisPoints, i18n.intlLocale())} />
      <Show when={standard()}>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={saving()}>
            {saving() ? i18n.t('common.saving') : i18n.t('common.save')}
          </button>
        </div>
      </Show>
    </form>
  );
}
