import { createMemo, createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { fieldErrorText, useI18n } from '../../i18n';
import type { BaseFieldKey, CustomerDraft } from './customerDraft';

/**
 * Draft, visited fields and errors of a customer form. Errors from the shared schema show once a
 * field was left (blur) or the form was submitted; the server's field errors show until that field
 * is edited again.
 */
export function createCustomerForm(initial: CustomerDraft, validate: (draft: CustomerDraft) => Record<string, string>) {
  const i18n = useI18n();
  const [draft, setDraft] = createStore<CustomerDraft>(structuredClone(initial));
  const [touched, setTouched] = createSignal<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = createSignal(false);
  const [serverErrors, setServerErrors] = createSignal<Record<string, string>>({});
  const clientErrors = createMemo(() => validate(draft));

  const clearServerError = (key: string) => {
    if (serverErrors()[key]) setServerErrors(({ [key]: _gone, ...rest }) => rest);
  };

  return {
    draft,
    clientErrors,
    setField: (key: BaseFieldKey, value: string) => {
      setDraft(key, value);
      clearServerError(key);
    },
    setCustom: (id: string, value: string) => {
      setDraft('customFields', id, value);
      clearServerError(`customFields.${id}`);
    },
    touch: (key: string) => setTouched((set) => (set.has(key) ? set : new Set([...set, key]))),
    error: (key: string) => {
      const code = serverErrors()[key] ?? (submitted() || touched().has(key) ? clientErrors()[key] : undefined);
      return fieldErrorText(i18n, code);
    },
    submitted,
    markSubmitted: () => setSubmitted(true),
    setServerErrors,
    reset: (next: CustomerDraft) => {
      setDraft(reconcile(structuredClone(next)));
      setTouched(new Set<string>());
      setSubmitted(false);
      setServerErrors({});
    },
  };
}

export type CustomerForm = ReturnType<typeof createCustomerForm>;
