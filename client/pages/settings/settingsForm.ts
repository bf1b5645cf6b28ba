import { createSignal } from 'solid-js';
import * as v from 'valibot';
import { settingsUpdateInput, type ResellerSettings, type SettingsUpdateInput } from '../../../schema/settings';
import { ApiError } from '../../api';
import { useToast } from '../../components/Toast';
import { errorText, useI18n } from '../../i18n';
import { issuesToFields } from '../../lib/formErrors';

/**
 * The save of a small form over the reseller's settings: the shared schema
 * first, "nothing changed" when it is so, field errors and a conflict's current values from the API.
 */
export function createSettingsForm(props: { current: ResellerSettings; save: (patch: SettingsUpdateInput) => Promise<ResellerSettings> }) {
  const i18n = useI18n();
  const toast = useToast();
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);

  async function save(input: Omit<SettingsUpdateInput, 'version'>, unchanged: (output: SettingsUpdateInput) => boolean, savedText: string) {
    setFailure(undefined);
    const parsed = v.safeParse(settingsUpdateInput, { version: props.current.version, ...input });
    if (!parsed.success) {
      setErrors(issuesToFields(parsed.issues));
      return;
    }
    setErrors({});
    if (unchanged(parsed.output)) {
      toast.show('info', i18n.t('customers.view.nothingChanged'));
      return;
    }
    setSaving(true);
    try {
      await props.save(parsed.output);
      toast.show('success', savedText);
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fields);
      setFailure(errorText(i18n, error));
    } finally {
      setSaving(false);
    }
  }

  return { errors, failure, saving, save };
}
