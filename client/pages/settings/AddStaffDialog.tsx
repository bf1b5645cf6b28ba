import { createSignal, For } from 'solid-js';
import * as v from 'valibot';
import type { Locale } from '../../../schema/common';
import { roles, type Role } from '../../../schema/permissions';
import { staffCreateInput, type StaffCreateInput, type StaffMember } from '../../../schema/staff';
import { ApiError } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { errorText, fieldErrorText, useI18n } from '../../i18n';
import { issuesToFields } from '../../lib/formErrors';

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
  const emptyDraft = (): Draft => ({ displayName: '', email: '', role: 'buyer', password: '', locale: i18n.locale() });
  const [draft, setDraft] = createSignal<Draft>(emptyDraft());
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const fieldError = (key: keyof Draft) => fieldErrorText(i18n, fields()[key]);
  const grantable = () => roles.filter((role) => props.canGrantOwner || role !== 'owner');

  const openChange = (open: boolean) => {
    // Every opening starts from a clean form; a typed password must not linger.
    if (open) {
      setDraft(emptyDraft());
      setFields({});
      setFailure(undefined);
    }
    props.onOpenChange(open);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (saving()) return;
    setFailure(undefined);
    const parsed = v.safeParse(staffCreateInput, draft());
    if (!parsed.success) {
      setFields(issuesToFields(parsed.issues));
      return;
    }
    setFields({});
    setSaving(true);
    try {
      const staff = await props.create(parsed.output);
      props.onCreated(staff);
      openChange(false);
    } catch (error) {
      if (error instanceof ApiError) setFields(error.fields);
      setFailure(errorText(i18n, error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onOpenChange={openChange}
      title={i18n.t('settings.staff.dialog.title')}
      description={i18n.t('settings.staff.dialog.description')}
    >
      <form class="form" novalidate onSubmit={submit}>
        <div aria-live="polite">{failure() && <p class="alert alert-error">{failure()}</p>}</div>
        <Field label={i18n.t('settings.staff.dialog.displayName')} error={fieldError('displayName')}>
          {(control) => (
            <input
              {...control}
              class="input"
              name="displayName"
              autocomplete="off"
              maxLength={120}
              value={draft().displayName}
              onInput={(event) => set('displayName', event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={i18n.t('settings.staff.dialog.email')} error={fieldError('email')}>
          {(control) => (
            <input
              {...control}
              class="input"
              type="email"
              name="email"
              autocomplete="off"
              value={draft().email}
              onInput={(event) => set('email', event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={i18n.t('settings.staff.dialog.role')} error={fieldError('role')}>
          {(control) => (
            <select {...control} class="input" name="role" onChange={(event) => set('role', event.currentTarget.value as Role)}>
              <For each={grantable()}>
                {(role) => (
                  <option value={role} selected={role === draft().role}>
                    {i18n.t(`roles.${role}`)}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
        <Field label={i18n.t('settings.staff.dialog.password')} hint={i18n.t('settings.staff.dialog.passwordHint')} error={fieldError('password')}>
          {(control) => (
            <input
              {...control}
              class="input"
              type="password"
              name="password"
              autocomplete="new-password"
              value={draft().password}
              onInput={(event) => set('password', event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={i18n.t('settings.staff.dialog.locale')} error={fieldError('locale')}>
          {(control) => (
            <select {...control} class="input" name="locale" onChange={(event) => set('locale', event.currentTarget.value as Locale)}>
              <option value="de" selected={draft().locale === 'de'}>
                {i18n.t('language.de')}
              </option>
              <option value="en" selected={draft().locale === 'en'}>
                {i18n.t('language.en')}
              </option>
            </select>
          )}
        </Field>
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" onClick={() => openChange(false)}>
            {i18n.t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={saving()}>
            {saving() ? i18n.t('common.saving') : i18n.t('settings.staff.dialog.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
