import { type Domain, domainInput, domainUpdateInput, domainVerifications, domainZones, renewalModes } from '../../../../schema/orders';
import { createDomain, updateDomain } from '../../../api/domains';
import { CheckboxField, SelectField, TextField } from '../../../components/FormControls';
import { FormDialog } from '../../../components/FormDialog';
import { useI18n } from '../../../i18n';
import { createRowForm, type RowDialogProps } from '../../../lib/rowForm';

type DomainDraft = Omit<Domain, 'id' | 'customerId' | 'version'>;
const emptyDomain = (): DomainDraft => ({ name: '', contract: '', registrar: '', verification: 'pending', zone: 'managed', transferLock: true, renewalMode: 'auto', active: true });

/** A domain: add one to the customer, or edit its contract, registrar and state (`domain` given). */
export function DomainDialog(props: RowDialogProps<Domain> & { customerId: string; domain?: Domain }) {
  const i18n = useI18n();
  const { form, field, dialog } = createRowForm(props, {
    row: () => props.domain,
    values: (domain): DomainDraft => {
      if (!domain) return emptyDomain();
      const { id: _id, customerId: _customer, version: _version, ...rest } = domain;
      return rest;
    },
    createSchema: domainInput,
    updateSchema: domainUpdateInput,
    create: (input) => createDomain(props.customerId, input),
    update: updateDomain,
  });

  return (
    <FormDialog
      {...dialog}
      title={props.domain ? i18n.t('holdings.domains.editTitle') : i18n.t('holdings.domains.addTitle')}
      submitLabel={props.domain ? undefined : i18n.t('holdings.domains.addSubmit')}
      testId="domain-form"
    >
      <TextField label={i18n.t('holdings.domains.columns.name')} required hint={i18n.t('holdings.domains.nameHint')} maxLength={253} {...field('name')} />
      <div class="form-row">
        <TextField label={i18n.t('holdings.domains.columns.contract')} maxLength={60} {...field('contract')} />
        <TextField label={i18n.t('holdings.domains.columns.registrar')} maxLength={80} {...field('registrar')} />
      </div>
      <div class="form-row">
        <SelectField
          label={i18n.t('holdings.domains.verificationLabel')}
          name="verification"
          value={form.values.verification}
          options={domainVerifications}
          optionLabel={(value) => i18n.t(`holdings.domains.verification.${value}`)}
          onChange={(value) => form.set('verification', value)}
        />
        <SelectField
          label={i18n.t('holdings.domains.zoneLabel')}
          name="zone"
          value={form.values.zone}
          options={domainZones}
          optionLabel={(value) => i18n.t(`holdings.domains.zone.${value}`)}
          onChange={(value) => form.set('zone', value)}
        />
        <SelectField
          label={i18n.t('holdings.domains.renewalLabel')}
          name="renewalMode"
          value={form.values.renewalMode}
          options={renewalModes}
          optionLabel={(value) => i18n.t(`holdings.domains.renewal.${value}`)}
          onChange={(value) => form.set('renewalMode', value)}
        />
      </div>
      <CheckboxField
        label={i18n.t('holdings.domains.transferLockLabel')}
        name="transferLock"
        checked={form.values.transferLock}
        onChange={(checked) => form.set('transferLock', checked)}
      />
      <CheckboxField label={i18n.t('holdings.domains.activeLabel')} name="active" checked={form.values.active} onChange={(checked) => form.set('active', checked)} />
    </FormDialog>
  );
}
