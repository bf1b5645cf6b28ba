import { For } from 'solid-js';
import type { Locale } from '../../../schema/common';
import { roles, type Role } from '../../../schema/permissions';
import { staffCreateInput, type StaffCreateInput, type StaffMember } from '../../../schema/staff';
import { Field } from '../../components/Field';
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
      <Field label={i18n.t('settings.staff.dialog.displayName')} error={form.error('displayName')}>
        {(control) => (
          <input
            {...control}
            class="input"
            name="displayName"
            autocomplete="off"
            maxLength={120}
            value={form.values.displayName}
            onInput={(event) => form.set('displayName', event.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={i18n.t('settings.staff.dialog.email')} error={form.error('email')}>
        {(control) => (
          <input
            {...control}
            class="input"
            type="email"
            name="email"
            autocomplete="off"
            value={form.values.email}
            onInput={(event) => form.set('email', event.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={i18n.t('settings.staff.dialog.role')} error={form.error('role')}>
        {(control) => (
          <select {...control} class="input" name="role" onChange={(event) => form.set('role', event.currentTarget.value as Role)}>
            <For each={grantable()}>
              {(role) => (
                <option value={role} selected={role === form.values.role}>
                  {i18n.t(`roles.${role}`)}
                </option>
              )}
            </For>
          </select>
        )}
      </Field>
      <Field label={i18n.t('settings.staff.dialog.password')} hint={i18n.t('settings.staff.dialog.passwordHint')} error={form.error('password')}>
        {(control) => (
          <input
            {...control}
            class="input"
            type="password"
            name="password"
            autocomplete="new-password"
            value={form.values.password}
            onInput={(event) => form.set('password', event.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={i18n.t('settings.staff.dialog.locale')} error={form.error('locale')}>
        {(control) => (
          <select {...control} class="input" name="locale" onChange={(event) => form.set('locale', event.currentTarget.value as Locale)}>
            <option value="de" selected={form.values.locale === 'de'}>
              {i18n.t('language.de')}
            </option>
            <option value="en" selected={form.values.locale === 'en'}>
              {i18n.t('language.en')}
            </option>
          </select>
        )}
      </Field>
    </FormDialog>
  );
}
