import { type Customer, customerDisplayName } from '../../../schema/customers';
import { ApiError } from '../../api';
import { removeRelationship } from '../../api/relationships';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n';
import '../invitations/invitations.css';

/**
 * "Beziehung entfernen" with the marketplace's notice in substance: delegated admin goes, granular roles
 * stay, data and history stay, a new invitation can establish it again; no notice is sent for you.
 */
export function RemoveRelationshipDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; customer: Customer; onChanged: (customer: Customer) => void }) {
  const i18n = useI18n();
  const toast = useToast();
  async function remove() {
    try {
      const customer = await removeRelationship(props.customer.id, { version: props.customer.version });
      props.onChanged(customer);
      toast.show('success', i18n.t('customers.removeRelationship.done', { name: customerDisplayName(customer) }));
    } catch (error) {
      // A colleague changed the customer meanwhile: the view shows the current state, the dialog why.
      if (error instanceof ApiError && error.current) props.onChanged(error.current as Customer);
      throw error;
    }
  }
  return (
    <ConfirmDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={i18n.t('customers.removeRelationship.title')}
      text={i18n.t('customers.removeRelationship.intro', { name: customerDisplayName(props.customer) })}
      confirmLabel={i18n.t('customers.removeRelationship.submit')}
      danger
      onConfirm={remove}
    >
      <ul class="removal-points" data-testid="removal-notice">
        <li>{i18n.t('customers.removeRelationship.delegated')}</li>
        <li>{i18n.t('customers.removeRelationship.granular')}</li>
        <li>{i18n.t('customers.removeRelationship.kept')}</li>
        <li>{i18n.t('customers.removeRelationship.again')}</li>
      </ul>
      <p class="removal-legal">{i18n.t('customers.removeRelationship.legal')}</p>
    </ConfirmDialog>
  );
}
