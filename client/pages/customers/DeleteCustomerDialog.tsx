import { createEffect, createSignal, on, Show } from 'solid-js';
import { type Customer, customerDisplayName } from '../../../schema/customers';
import { ApiError } from '../../api';
import { deleteCustomer } from '../../api/customers';
import { Dialog } from '../../components/Dialog';
import { errorText, useI18n } from '../../i18n';

/** Asks before deleting; a refusal (something got attached meanwhile) is explained in place. */
export function DeleteCustomerDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  customer: Customer;
  onDeleted: () => void;
  /** The server refused with reasons: the view shows them from now on. */
  onBlocked: (reasons: string[]) => void;
}) {
  const i18n = useI18n();
  const [failure, setFailure] = createSignal<string>();
  const [deleting, setDeleting] = createSignal(false);
  createEffect(
    on(
      () => props.open,
      (open) => open && setFailure(undefined),
    ),
  );

  async function confirm() {
    setDeleting(true);
    setFailure(undefined);
    try {
      await deleteCustomer(props.customer.id);
      props.onDeleted();
    } catch (error) {
      const reasons = error instanceof ApiError && Array.isArray(error.reasons) ? error.reasons : [];
      const why = reasons.map((reason) => i18n.tryT(`customers.deleteBlockers.${reason}`) ?? reason).join(' ');
      setFailure([errorText(i18n, error), why].filter(Boolean).join(' '));
      if (reasons.length) props.onBlocked(reasons);
    } finally {
      setDeleting(false);
    }
  }

  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} title={i18n.t('customers.delete.title')}>
      <div class="form">
        <p>{i18n.t('customers.delete.confirm', { name: customerDisplayName(props.customer), number: props.customer.customerNumber })}</p>
        <div aria-live="polite">
          <Show when={failure()}>
            <p class="alert alert-error">{failure()}</p>
          </Show>
        </div>
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" onClick={() => props.onOpenChange(false)}>
            {i18n.t('common.cancel')}
          </button>
          <button type="button" class="btn btn-danger" disabled={deleting()} onClick={() => void confirm()}>
            {deleting() ? i18n.t('customers.delete.deleting') : i18n.t('customers.delete.submit')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
