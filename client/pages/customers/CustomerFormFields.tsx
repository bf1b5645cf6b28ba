import { createUniqueId, For, type JSX, Show } from 'solid-js';
import type { CustomField } from '../../../schema/customFields';
import { type ControlProps, Field } from '../../components/Field';
import { fieldErrorText, type TextKey, useI18n } from '../../i18n';
import { countryOptions, preferredCountryCount } from '../../lib/countries';
import type { Form } from '../../lib/form';
import { type BaseFieldKey, type CustomerDraft, customFieldKey } from './customerDraft';
import './customers.css';

/** What the fields need of a customer form (client/lib/form.ts): its values, setter, visits and errors. */
export type CustomerFieldsForm = Pick<Form<CustomerDraft, never>, 'values' | 'set' | 'touch' | 'error'>;

export interface CustomerFormProps {
  form: CustomerFieldsForm;
  customFields: CustomField[];
  /** The primary domain belongs to the customer view; the "Neukunde" form of seeds 000/002 has none. */
  withPrimaryDomain?: boolean;
  /** The customer enters its own data (invitation page): the reseller assigns the number and records the Microsoft ID. */
  withoutCustomerNumber?: boolean;
  /** A new customer ("Neukunde"): the number field explains the proposed next free number. */
  isNew?: boolean;
}

type InputType = 'text' | 'email' | 'tel' | 'url';
interface TextFieldSpec {
  key: BaseFieldKey;
  type?: InputType;
  required?: boolean;
  wide?: boolean;
}

/** A company or a contact's last name (the schema's cross-field rule): one of the two is enough. */
const companyOrContact: TextFieldSpec[] = [{ key: 'company', wide: true }, { key: 'contactFirstName' }, { key: 'contactLastName' }];
const eitherOfPair: readonly BaseFieldKey[] = ['company', 'contactLastName'];
const contactGroup: TextFieldSpec[] = [
  { key: 'email', type: 'email', required: true },
  { key: 'phone', type: 'tel' },
  { key: 'mobile', type: 'tel' },
  { key: 'website', type: 'url' },
];
const addressGroup: TextFieldSpec[] = [{ key: 'address', required: true, wide: true }, { key: 'postalCode', required: true }, { key: 'city', required: true }, { key: 'state' }];

/** The base fields of seeds 000/002 and the reseller's custom fields; shared by "Neukunde" and the customer view. */
export function CustomerFormFields(props: CustomerFormProps) {
  const i18n = useI18n();
  const label = (key: BaseFieldKey) => i18n.t(`customers.fields.${key}`);

  // The "proposed next free number" hint is true only while creating a customer.
  const hintOf = (spec: TextFieldSpec) => {
    if (spec.key === 'customerNumber') return props.isNew ? i18n.t('customers.form.customerNumberHint') : undefined;
    if (spec.key === 'microsoftId') return i18n.t('customers.form.microsoftIdHint');
    return undefined;
  };

  // The rule "company or last name" is said once, for the pair: both are marked while neither is given.
  const pairId = createUniqueId();
  const pairRule = () => fieldErrorText(i18n, 'company_or_last_name');
  const pairMissing = () => eitherOfPair.some((key) => props.form.error(key) === pairRule());
  const ownError = (key: BaseFieldKey) => (pairMissing() && eitherOfPair.includes(key) ? undefined : props.form.error(key));

  const textField = (spec: TextFieldSpec) => (
    <Field
      label={label(spec.key)}
      required={spec.required}
      hint={hintOf(spec)}
      error={ownError(spec.key)}
      invalid={eitherOfPair.includes(spec.key) && pairMissing()}
      describedBy={eitherOfPair.includes(spec.key) ? `${pairId}-rule` : undefined}
      class={spec.wide ? 'field-wide' : undefined}
    >
      {(control) => (
        <input
          {...control}
          class="input"
          type={spec.type ?? 'text'}
          name={spec.key}
          autocomplete="off"
          maxLength={1000}
          value={props.form.values[spec.key]}
          onInput={(event) => props.form.set(spec.key, event.currentTarget.value)}
          onBlur={() => props.form.touch(spec.key)}
        />
      )}
    </Field>
  );

  const group = (legend: TextKey, children: JSX.Element) => (
    <fieldset class="form-group">
      <legend class="form-group-title">{i18n.t(legend)}</legend>
      <div class="form-grid">{children}</div>
    </fieldset>
  );

  return (
    <>
      {group(
        'customers.form.groups.customer',
        <>
          <Show when={!props.withoutCustomerNumber}>{textField({ key: 'customerNumber', required: true })}</Show>
          <fieldset class="either-or field-wide" classList={{ 'either-or-invalid': pairMissing() }} data-testid="company-or-contact">
            <legend class="field-label">
              {i18n.t('customers.form.companyOrContact')}
              <span class="required-mark" aria-hidden="true">
                {' *'}
              </span>
            </legend>
            <div class="form-grid">
              <For each={companyOrContact}>{textField}</For>
            </div>
            <div aria-live="polite">
              <Show
                when={pairMissing()}
                fallback={
                  <p class="field-hint" id={`${pairId}-rule`}>
                    {i18n.t('customers.form.companyOrLastName')}
                  </p>
                }
              >
                <p class="field-error" id={`${pairId}-rule`}>
                  {pairRule()}
                </p>
              </Show>
            </div>
          </fieldset>
        </>,
      )}
      {group(
        'customers.form.groups.contact',
        <>
          <For each={contactGroup}>{textField}</For>
          <Show when={props.withPrimaryDomain}>{textField({ key: 'primaryDomain' })}</Show>
          <Show when={!props.withoutCustomerNumber}>{textField({ key: 'microsoftId', wide: true })}</Show>
        </>,
      )}
      {group(
        'customers.form.groups.address',
        <>
          <For each={addressGroup}>{textField}</For>
          <Field label={label('country')} required error={props.form.error('country')}>
            {(control) => (
              <select
                {...control}
                class="input"
                name="country"
                onChange={(event) => {
                  props.form.set('country', event.currentTarget.value);
                  props.form.touch('country');
                }}
              >
                <Show when={!props.form.values.country}>
                  <option value="" selected>
                    {i18n.t('customers.form.chooseCountry')}
                  </option>
                </Show>
                <For each={countryOptions(i18n.intlLocale())}>
                  {(country, index) => (
                    <>
                      <option value={country.code} selected={country.code === props.form.values.country}>
                        {country.name}
                      </option>
                      <Show when={index() === preferredCountryCount - 1}>
                        <option disabled>──────────</option>
                      </Show>
                    </>
                  )}
                </For>
              </select>
            )}
          </Field>
        </>,
      )}
      <Show when={props.customFields.length > 0}>
        {group(
          'customers.form.groups.custom',
          <For each={props.customFields}>
            {(field) => (
              <Field label={field.label} required={field.required} error={props.form.error(customFieldKey(field.id))}>
                {(control) => <CustomFieldInput field={field} control={control} {...props} />}
              </Field>
            )}
          </For>,
        )}
      </Show>
    </>
  );
}

function CustomFieldInput(props: CustomerFormProps & { field: CustomField; control: ControlProps }) {
  const i18n = useI18n();
  const value = () => props.form.values.customFields[props.field.id] ?? '';
  const key = () => customFieldKey(props.field.id);
  const set = (text: string) => props.form.set('customFields', props.field.id, text);
  switch (props.field.type) {
    case 'choice':
      return (
        <select
          {...props.control}
          class="input"
          onChange={(event) => {
            set(event.currentTarget.value);
            props.form.touch(key());
          }}
        >
          <option value="" selected={value() === ''}>
            {i18n.t('customers.form.noChoice')}
          </option>
          <For each={props.field.options}>
            {(option) => (
              <option value={option} selected={option === value()}>
                {option}
              </option>
            )}
          </For>
          {/* A stored value that is no longer an option stays visible instead of silently vanishing. */}
          <Show when={value() !== '' && !props.field.options.includes(value())}>
            <option value={value()} selected>
              {value()}
            </option>
          </Show>
        </select>
      );
    case 'date':
      return <input {...props.control} class="input" type="date" value={value()} onInput={(event) => set(event.currentTarget.value)} onBlur={() => props.form.touch(key())} />;
    case 'number':
      return (
        <input
          {...props.control}
          class="input"
          type="text"
          inputmode="decimal"
          autocomplete="off"
          value={value()}
          onInput={(event) => set(event.currentTarget.value)}
          onBlur={() => props.form.touch(key())}
        />
      );
    default:
      return (
        <input
          {...props.control}
          class="input"
          type="text"
          autocomplete="off"
          maxLength={520}
          value={value()}
          onInput={(event) => set(event.currentTarget.value)}
          onBlur={() => props.form.touch(key())}
        />
      );
  }
}
