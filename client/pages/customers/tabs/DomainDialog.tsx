import { domainInput, domainUpdateInput, domainVerifications, domainZones, renewalModes, type Domain } from '../../../../schema/orders';
import { CheckboxField, SelectField, TextField } from '../../../components/FormControls';
import { FormDialog } from '../../../components/FormDialog';
import { useI18n } from '../../../i18n';
import { createEntityForm, type EntityDialogProps } from '../../../lib/entityForm';
import { createDomain, updateDomain } from '../../../api/domains';

type DomainDraft = Omit<Domain, 'id' | 'customerId' | 'version'>;
const emptyDomain = (): DomainDraft => ({ name: '', contract: '', registrar: '', verification: 'pending', zone: 'managed', transferLock: true, renewalMode: 'auto', active: true });

/** Seed 002's domain: add one to the customer, or edit its contract, registrar and state (`domain` given). */
export function DomainDialog(props: EntityDialogProps<Domain> & { customerId: string; domain?: Domain }) {
  const i18n = useI18n();
  const { draft, set, field, dialog } = createEntityForm(props, {
    existing: () => props.domain,
    empty: emptyDomain,
    fromRow: ({ id: _i, customerId: _c, version: _v, ...rest }: Domain): DomainDraft => rest,
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
      <TextField
        label={i18n.t('holdings.domains.columns.name')}
        required
        hint={i18n.t('holdings.domains.nameHint')}
        maxLength={253}
        {...field('name')}
      />
      <div class="form-row">
        <TextField label={i18n.t('holdings.domains.columns.contract')} maxLength={60} {...field('contract')} />
        <TextField label={i18n.t('holdings.domains.columns.registrar')} maxLength={80} {...field('registrar')} />
      </div>
      <div class="form-row">
        <SelectField
          label={i18n.t('holdings.domains.verificationLabel')}
          name="verification"
          value={draft().verification}
          options={domainVerifications}
          optionLabel={(value) => i18n.t(`holdings.domains.verification.${value}`)}
          onChange={(value) => set('verification', value)}
        />
        <SelectField label={i18n.t('holdings.domains.zoneLabel')} name="zone" value={draft().zone} options={domainZones} optionLabel={(value) => i18n.t(`holdings.domains.zone.${value}`)} onChange={(value) => set('zone', value)} />
        <SelectField
          label={i18n.t('holdings.domains.renewalLabel')}
          name="renewalMode"
          value={draft().renewalMode}
          options={renewalModes}
          optionLabel={(value) => i18n.t(`holdings.domains.renewal.${value}`)}
          onChange={(value) => set('renewalMode', value)}
        />
      </div>
      <CheckboxField label={i18n.t('holdings.domains.transferLockLabel')} name="transferLock" checked={draft().transferLock} onChange={(checked) => set('transferLock', checked)} />
      <CheckboxField label={i18n.t('holdings.domains.activeLabel')} name="active" checked={draft().active} onChange={(checked) => set('active', checked)} />
    </FormDialog>
  );
}
