import { type Locale, localeSchema } from '../../../schema/common';
import { type Role, roles } from '../../../schema/permissions';
import { type StaffCreateInput, type StaffMember, staffCreateInput } from '../../../schema/staff';
import { SelectField, TextField } from '../../components/FormControls';
import { FormDialog } from '../../components/FormDialog';
import { useI18n } from '../../i18n';
import { checkWith, createForm } from '../../lib/form';

interface Draft {
  displayName: string;
  email: string;
  role: Role;
  password: string;
  locale: Locale;
}

export function AddStaffDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  canGrantOwner: boolean;
  create: (input: StaffCreateInput) => Promise<StaffMember>;
  onCreated: (member: StaffMember) => void;
}) {
  const i18n = useI18n();
  // Every opening starts from a clean form; a typed password must not linger.
  const form = createForm({
    initial: (): Draft => ({ displayName: '', email: '', role: 'buyer', password: '', locale: i18n.locale() }),
    check: checkWith(staffCreateInput),
  });
  const grantable = () => roles.filter((role) => props.canGrantOwner || role !== 'owner');

  async function submit() {
    const staff = await form.submit(props.create);
    if (!staff) return;
    props.onCreated(staff);
    props.onOpenChange(false);
  }

  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={i18n.t('settings.staff.dialog.title')}
      description={i18n.t('settings.staff.dialog.description')}
      form={form}
      submitLabel={i18n.t('settings.staff.dialog.submit')}
      onSubmit={() => void submit()}
    >
      <TextField label={i18n.t('settings.staff.dialog.displayName')} maxLength={120} {...form.field('displayName')} />
      <TextField label={i18n.t('settings.staff.dialog.email')} type="email" {...form.field('email')} />
      <SelectField
        label={i18n.t('settings.staff.dialog.role')}
        name="role"
        value={form.values.role}
        options={grantable()}
        optionLabel={(role) => i18n.t(`roles.${role}`)}
        onChange={(role) => form.set('role', role)}
        error={form.error('role')}
      />
      <TextField
        label={i18n.t('settings.staff.dialog.password')}
        hint={i18n.t('settings.staff.dialog.passwordHint')}
        type="password"
        autocomplete="new-password"
        {...form.field('password')}
      />
      <SelectField
        label={i18n.t('settings.staff.dialog.locale')}
        name="locale"
        value={form.values.locale}
        options={localeSchema.options}
        optionLabel={(locale) => i18n.t(`language.${locale}`)}
        onChange={(locale) => form.set('locale', locale)}
        error={form.error('locale')}
      />
    </FormDialog>
  );
}
