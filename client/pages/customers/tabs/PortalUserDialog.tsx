import { type PortalUser, portalUserInput, portalUserUpdateInput } from '../../../../schema/orders';
import { createPortalUser, updatePortalUser } from '../../../api/portalUsers';
import { TextField } from '../../../components/FormControls';
import { FormDialog } from '../../../components/FormDialog';
import { useI18n } from '../../../i18n';
import { createRowForm, type RowDialogProps } from '../../../lib/rowForm';

type UserDraft = Pick<PortalUser, 'username' | 'firstName' | 'lastName' | 'email'>;
const emptyUser = (): UserDraft => ({ username: '', firstName: '', lastName: '', email: '' });

/** A portal user: add one for the customer (the Plus button), or edit name and e-mail (`user` given). */
export function PortalUserDialog(props: RowDialogProps<PortalUser> & { customerId: string; user?: PortalUser }) {
  const i18n = useI18n();
  const { field, dialog } = createRowForm(props, {
    row: () => props.user,
    values: (user): UserDraft => (user ? { username: user.username, firstName: user.firstName, lastName: user.lastName, email: user.email } : emptyUser()),
    createSchema: portalUserInput,
    updateSchema: portalUserUpdateInput,
    create: (input) => createPortalUser(props.customerId, input),
    update: updatePortalUser,
  });

  return (
    <FormDialog
      {...dialog}
      title={props.user ? i18n.t('holdings.users.editTitle') : i18n.t('holdings.users.addTitle')}
      description={props.user ? undefined : i18n.t('holdings.users.addDescription')}
      submitLabel={props.user ? undefined : i18n.t('holdings.users.addSubmit')}
      testId="portal-user-form"
    >
      <TextField label={i18n.t('holdings.users.columns.username')} required hint={i18n.t('holdings.users.usernameHint')} maxLength={60} {...field('username')} />
      <div class="form-row">
        <TextField label={i18n.t('holdings.users.columns.firstName')} maxLength={80} {...field('firstName')} />
        <TextField label={i18n.t('holdings.users.columns.lastName')} required maxLength={80} {...field('lastName')} />
      </div>
      <TextField label={i18n.t('holdings.users.columns.email')} type="email" required maxLength={254} {...field('email')} />
    </FormDialog>
  );
}
