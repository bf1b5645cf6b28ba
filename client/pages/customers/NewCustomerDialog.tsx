import type { Customer } from '../../../schema/customers';
import type { CustomField } from '../../../schema/customFields';
import { createCustomer, nextCustomerNumber } from '../../api/customers';
import { FormDialog } from '../../components/FormDialog';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { useI18n } from '../../i18n';
import { createForm } from '../../lib/form';
import { CustomerFormFields } from './CustomerFormFields';
import { emptyDraft, validateCreate } from './customerDraft';
import { DuplicateHints } from './duplicates/DuplicateHints';

/** "Neukunde": every base field, then the reseller's custom fields; OK saves, Cancel discards. */
export function NewCustomerDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Active (not archived) custom fields, by position. */
  customFields: CustomField[];
  onCreated: (customer: Customer) => void;
}) {
  const i18n = useI18n();
  // Every opening starts from a clean form with a fresh number proposal.
  const form = createForm({ initial: () => emptyDraft(props.customFields), check: (draft) => validateCreate(draft, props.customFields) });

  async function proposeNumber() {
    try {
      const customerNumber = await nextCustomerNumber();
      // The user may have typed a number of their own meanwhile; theirs wins. The proposal is no unsaved input.
      if (!form.values.customerNumber) form.propose('customerNumber', customerNumber);
    } catch {
      // No proposal: the field stays empty and required, the user types a number.
    }
  }

  async function submit() {
    const customer = await form.submit(createCustomer);
    if (!customer) return;
    props.onCreated(customer);
    props.onOpenChange(false);
  }

  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={i18n.t('customers.new.title')}
      description={i18n.t('customers.new.description')}
      wide
      form={form}
      submitLabel={i18n.t('common.ok')}
      onOpen={() => void proposeNumber()}
      onSubmit={() => void submit()}
      testId="new-customer-form"
    >
      {/* Above the fields, so a hint shows where the user looks while typing the name. */}
      <DuplicateHints fields={form.values} active={props.open} />
      <p class="muted">{i18n.t('customers.form.requiredNote')}</p>
      <CustomerFormFields form={form} customFields={props.customFields} isNew />
      <UnsavedChangesGuard when={props.open && form.dirty()} />
    </FormDialog>
  );
}
