import { createEffect, on } from 'solid-js';
import { type ResellerSettings, type SettingsUpdateInput, settingsUpdateInput } from '../../../schema/settings';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import { checkWith, createForm } from '../../lib/form';

export interface SettingsFormProps {
  current: ResellerSettings;
  save: (patch: SettingsUpdateInput) => Promise<ResellerSettings>;
}

/**
 * A small form over some of the reseller's settings, on the one form primitive: its inputs start from
 * the stored settings and follow each newer version (an own save of another setting, or a conflict's
 * current values); a save that changes nothing says so instead of sending.
 */
export function createSettingsForm<V extends object>(
  props: SettingsFormProps,
  plan: {
    values: (current: ResellerSettings) => V;
    toInput: (values: V) => Omit<SettingsUpdateInput, 'version'>;
    unchanged: (output: SettingsUpdateInput, current: ResellerSettings) => boolean;
    savedText: () => string;
  },
) {
  const i18n = useI18n();
  const toast = useToast();
  const form = createForm({
    initial: () => plan.values(props.current),
    check: checkWith(settingsUpdateInput, (values: V) => ({ version: props.current.version, ...plan.toInput(values) })),
  });
  createEffect(
    on(
      () => props.current.version,
      () => form.reset(),
      { defer: true },
    ),
  );

  async function save() {
    const { output } = form.check();
    if (output && plan.unchanged(output, props.current)) {
      toast.show('info', i18n.t('customers.view.nothingChanged'));
      return;
    }
    if (await form.submit(props.save)) toast.show('success', plan.savedText());
  }

  return { form, save };
}
