import { createEffect, createSignal, on, Show } from 'solid-js';
import type { CustomField } from '../../../schema/customFields';
import type { Customer } from '../../../schema/customers';
import { ApiError } from '../../api';
import { createCustomer, nextCustomerNumber } from '../../api/customers';
import { Dialog } from '../../components/Dialog';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { errorText, useI18n } from '../../i18n';
import { baseFieldKeys, emptyDraft, validateCreate, type CustomerDraft } from './customerDraft';
import { createCustomerForm } from './customerForm';
import { CustomerFormFields } from './CustomerFormFields';

/** Seed 000's "Neukunde": every base field, then the reseller's custom fields; OK saves, Cancel discards. */
export function NewCustomerDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Active (not archived) custom fields, by position. */
  customFields: CustomField[];
  onCreated: (customer: Customer) => void;
}) {
  const i18n = useI18n();
  const form = createCustomerForm(emptyDraft([]), (draft) => validateCreate(draft, props.customFields).errors);
  const [failure, setFailure] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);
  // What the dialog opened with (the proposed number included): anything else is the user's input.
  const [baseline, setBaseline] = createSignal<CustomerDraft>(emptyDraft([]));
  const dirty = () => {
    const start = baseline();
    return baseFieldKeys.some((key) => form.draft[key] !== start[key]) || Object.entries(form.draft.customFields).some(([id, value]) => value !== (start.customFields[id] ?? ''));
  };
  let formElement: HTMLFormElement | undefined;

  async function proposeNumber() {
    try {
      const customerNumber = await nextCustomerNumber();
      // The user may have typed a number of their own meanwhile; theirs wins.
      if (!form.draft.customerNumber) {
        setBaseline((start) => ({ ...start, customerNumber }));
        form.setField('customerNumber', customerNumber);
      }
    } catch {
      // No proposal: the field stays empty and required, the user types a number.
    }
  }

  // Every opening starts from a clean form with a fresh number proposal.
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        const start = emptyDraft(props.customFields);
        setBaseline(start);
        form.reset(start);
        setFailure(undefined);
        void proposeNumber();
      },
    ),
  );

  const focusFirstError = () =>
    queueMicrotask(() => formElement?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (saving()) return;
    form.markSubmitted();
    setFailure(undefined);
    const { input } = validateCreate(form.draft, props.customFields);
    if (!input) {
      setFailure(i18n.t('errors.validation_failed'));
      focusFirstError();
      return;
    }
    setSaving(true);
    try {
      const customer = await createCustomer(input);
      props.onCreated(customer);
      props.onOpenChange(false);
    } catch (error) {
      if (error instanceof ApiError) form.setServerErrors(error.fields);
      setFailure(errorText(i18n, error));
      focusFirstError();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={i18n.t('customers.new.title')}
      description={i18n.t('customers.new.description')}
      wide
    >
      <form class="form" novalidate onSubmit={submit} ref={formElement} data-testid="new-customer-form">
        <div aria-live="polite">
          <Show when={failure()}>
            <p class="alert alert-error">{failure()}</p>
          </Show>
        </div>
        <p class="muted">{i18n.t('customers.form.requiredNote')}</p>
        <CustomerFormFields
          draft={form.draft}
          setField={form.setField}
          setCustom={form.setCustom}
          touch={form.touch}
          error={form.error}
          customFields={props.customFields}
          isNew
        />
        <UnsavedChangesGuard when={props.open && dirty()} />
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" onClick={() => props.onOpenChange(false)}>
            {i18n.t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={saving()}>
            {saving() ? i18n.t('common.saving') : i18n.t('common.ok')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
