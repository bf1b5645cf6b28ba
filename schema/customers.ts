import * as v from 'valibot';
import { emailSchema, optionalText, pageQueryEntries } from './common';
import { countryCodes, isValidPostalCode } from './countries';
import type { FieldErrorCode, FieldErrors } from './errorCodes';

export const relationshipStates = ['none', 'pending', 'active', 'removed'] as const;
export const relationshipStateSchema = v.picklist(relationshipStates);

export const tagOutput = v.object({ id: v.string(), name: v.string(), color: v.string() });
export type TagRef = v.InferOutput<typeof tagOutput>;

/** A customer as the API returns it. */
export const customerOutput = v.object({
  id: v.string(),
  customerNumber: v.string(),
  company: v.string(),
  contactFirstName: v.string(),
  contactLastName: v.string(),
  email: v.string(),
  phone: v.string(),
  mobile: v.string(),
  website: v.string(),
  address: v.string(),
  postalCode: v.string(),
  city: v.string(),
  state: v.string(),
  country: v.string(),
  primaryDomain: v.string(),
  /** The customer's Microsoft Entra tenant id (a GUID, lower case), or '' when not known. */
  microsoftId: v.string(),
  relationshipState: relationshipStateSchema,
  /** Rights the customer granted; `rightsToReview` until a staff member acknowledged them. */
  grantedRights: v.array(v.string()),
  rightsToReview: v.boolean(),
  /** The indirect provider invited together with the reseller, if any. */
  indirectProvider: v.nullable(v.string()),
  monthlyRevenueCents: v.number(),
  productCount: v.number(),
  customFields: v.record(v.string(), v.unknown()),
  tags: v.array(tagOutput),
  /** When and by whom it was archived; null while it is in the list. */
  archivedAt: v.nullable(v.string()),
  archivedBy: v.nullable(v.string()),
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type Customer = v.InferOutput<typeof customerOutput>;

export { customerDisplayName } from './customerName.js';

const phoneSchema = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(40, 'too_long'), v.regex(/^$|^\+?[0-9][0-9 ()/.-]{4,38}$/, 'invalid_phone')), '');
const websiteSchema = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(200, 'too_long'),
    // People type "www.example.de"; store a real URL.
    v.transform((text) => (text && !/^https?:\/\//i.test(text) ? `https://${text}` : text)),
    v.check((text) => text === '' || /^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]{2,}$/i.test(text), 'invalid_url'),
  ),
  '',
);
const domainSchema = v.optional(
  v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(253, 'too_long'), v.regex(/^$|^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, 'invalid_domain')),
  '',
);
/** A GUID as Partner Center shows tenant ids; braces are dropped and it is kept lower case, so one tenant is one value. */
export const MICROSOFT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const microsoftIdSchema = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.toLowerCase(),
    v.transform((text) => (text.startsWith('{') && text.endsWith('}') ? text.slice(1, -1) : text)),
    v.check((text) => text === '' || MICROSOFT_ID_PATTERN.test(text), 'invalid_microsoft_id'),
  ),
  '',
);
const requiredField = (max: number) => v.pipe(v.string('required'), v.trim(), v.minLength(1, 'required'), v.maxLength(max, 'too_long'));

/** The fields of seeds 000 and 002; one schema for the form, the API and the invitation page. */
export const customerFieldsEntries = {
  customerNumber: v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(30, 'too_long'), v.regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'invalid_customer_number')),
  company: optionalText(160),
  contactFirstName: optionalText(80),
  contactLastName: optionalText(80),
  email: emailSchema,
  phone: phoneSchema,
  mobile: phoneSchema,
  website: websiteSchema,
  address: requiredField(160),
  postalCode: v.pipe(v.string('required'), v.trim(), v.toUpperCase(), v.minLength(1, 'required'), v.maxLength(12, 'too_long')),
  city: requiredField(80),
  state: optionalText(80),
  country: v.pipe(v.string('required'), v.trim(), v.toUpperCase(), v.minLength(1, 'required'), v.picklist(countryCodes, 'invalid_country')),
  primaryDomain: domainSchema,
  microsoftId: microsoftIdSchema,
};

type CustomerFields = { [K in keyof typeof customerFieldsEntries]: v.InferOutput<(typeof customerFieldsEntries)[K]> };

/**
 * Rules across fields: a company or a contact's last name (unless `nameRequired` is off: an imported
 * customer may lack it), and a postal code that fits the country.
 */
function crossFieldRules<T extends Partial<CustomerFields>>({ nameRequired } = { nameRequired: true }) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const input = dataset.value;
    const at = (key: keyof CustomerFields): [v.IssuePathItem] => [{ type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value: input[key] }];
    // On updates only fields that were sent are checked; a create sends them all.
    if (nameRequired && input.company !== undefined && input.contactLastName !== undefined && !input.company && !input.contactLastName) {
      addIssue({ message: 'company_or_last_name' satisfies FieldErrorCode, path: at('contactLastName') });
    }
    if (input.country && input.postalCode && !isValidPostalCode(input.country, input.postalCode)) {
      addIssue({ message: 'invalid_postal_code' satisfies FieldErrorCode, path: at('postalCode') });
    }
  });
}

/**
 * What an imported customer may lack for a while (Partner Center's file has no address, e-mail or
 * contact): a name (company or contact's last name), the e-mail and the billing address. Until all
 * are there the customer is "incomplete": marked in the list and view, and new orders wait, since
 * billing needs them. The new-customer form still requires them all.
 */
export const completionFields = ['name', 'email', 'address', 'postalCode', 'city', 'country'] as const;
export type CompletionField = (typeof completionFields)[number];

type CompletionValues = Pick<Customer, 'company' | 'contactLastName' | 'email' | 'address' | 'postalCode' | 'city' | 'country'>;

export function missingCustomerFields(customer: CompletionValues): CompletionField[] {
  return completionFields.filter((field) => (field === 'name' ? !customer.company && !customer.contactLastName : !customer[field]));
}

/**
 * Cross-field rules on a change, checked against the stored customer: a name may not be removed,
 * and a postal code must fit its country once both are there. A field that is still missing stays
 * allowed to be missing, so an incomplete customer can be edited piece by piece.
 */
export function changedCustomerErrors(before: CompletionValues, after: CompletionValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!after.company && !after.contactLastName && (before.company || before.contactLastName)) errors.contactLastName = 'company_or_last_name';
  if (after.country && after.postalCode && !isValidPostalCode(after.country, after.postalCode)) errors.postalCode = 'invalid_postal_code';
  return errors;
}

/** The master data a customer enters itself on the invitation page ("Neue Beziehung"): no number, no tenant id (the reseller records it). */
const { customerNumber: _number, microsoftId: _microsoftId, ...selfServiceEntries } = customerFieldsEntries;
const selfServiceObject = v.strictObject(selfServiceEntries);
export const customerSelfServiceInput = v.pipe(selfServiceObject, crossFieldRules<v.InferOutput<typeof selfServiceObject>>());

const customFieldValues = v.optional(v.record(v.pipe(v.string(), v.maxLength(40)), v.union([v.string(), v.number(), v.null()])), {});

const customerCreateObject = v.strictObject({
  ...customerFieldsEntries,
  customFields: customFieldValues,
  /** True: refuse with 409 `possible_duplicates` when the customer looks like existing ones (send again without it to create anyway). */
  checkDuplicates: v.optional(v.boolean(), false),
});
export const customerCreateInput = v.pipe(customerCreateObject, crossFieldRules<v.InferOutput<typeof customerCreateObject>>());
export type CustomerCreateInput = v.InferOutput<typeof customerCreateInput>;

/** A required field an imported customer may leave empty (it is then incomplete); a value it has follows `schema`. */
// Checked last, as a validation: the cross-field rules still run when this field is wrong (as for the form's own fields).
const emptyOr = (schema: v.GenericSchema<string, string>) =>
  v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.transform((text) => {
        const parsed = text === '' ? undefined : v.safeParse(schema, text);
        return parsed?.success ? parsed.output : text;
      }),
      v.rawCheck<string>(({ dataset, addIssue }) => {
        if (!dataset.typed || dataset.value === '') return;
        const parsed = v.safeParse(schema, dataset.value);
        if (!parsed.success) addIssue({ message: parsed.issues[0].message });
      }),
    ),
    '',
  );

/**
 * A customer as an import creates it: the form's rules for every value it has, but the fields of
 * completionFields may be missing (it is then incomplete), and the number may be left to the import.
 */
const importedCustomerObject = v.object({
  ...customerFieldsEntries,
  customerNumber: v.optional(customerFieldsEntries.customerNumber),
  email: emptyOr(emailSchema),
  address: emptyOr(customerFieldsEntries.address),
  postalCode: emptyOr(customerFieldsEntries.postalCode),
  city: emptyOr(customerFieldsEntries.city),
  country: emptyOr(customerFieldsEntries.country),
  customFields: customFieldValues,
});
export const importedCustomerInput = v.pipe(importedCustomerObject, crossFieldRules<v.InferOutput<typeof importedCustomerObject>>({ nameRequired: false }));

/** An update names the version it was based on; only the fields sent change. */
const customerUpdateObject = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  ...v.partial(v.object(customerFieldsEntries)).entries,
  customFields: v.optional(v.record(v.pipe(v.string(), v.maxLength(40)), v.union([v.string(), v.number(), v.null()]))),
});
export const customerUpdateInput = v.pipe(customerUpdateObject, crossFieldRules<v.InferOutput<typeof customerUpdateObject>>());
export type CustomerUpdateInput = v.InferOutput<typeof customerUpdateInput>;

export const customerSortFields = [
  'customerNumber',
  'name',
  'contact',
  'phone',
  'city',
  'email',
  'monthlyRevenue',
  'productCount',
  'relationshipState',
  'tags',
  'createdAt',
] as const;
export type CustomerSortField = (typeof customerSortFields)[number];

export const customerListQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'too_long')), ''),
  sort: v.optional(v.picklist(customerSortFields, 'invalid_sort'), 'customerNumber'),
  dir: v.optional(v.picklist(['asc', 'desc'], 'invalid_value'), 'asc'),
  tag: v.optional(v.pipe(v.string(), v.maxLength(60))),
  state: v.optional(relationshipStateSchema),
  country: v.optional(v.picklist(countryCodes, 'invalid_country')),
  /** `1`: the archived customers only (they are left out otherwise). */
  archived: v.optional(v.picklist(['0', '1'], 'invalid_value')),
  /** `1`: only customers still lacking a name, e-mail or billing address ("Angaben unvollständig"). */
  incomplete: v.optional(v.picklist(['0', '1'], 'invalid_value')),
  ...pageQueryEntries,
});
export type CustomerListQuery = v.InferOutput<typeof customerListQuery>;

/** Relationship actions (remove, acknowledge rights) name only the version the user saw. */
export const relationshipChangeInput = v.strictObject({ version: v.pipe(v.number(), v.integer(), v.minValue(1)) });

/** Archive and restore name the version the user saw (or send If-Match); without one they act on the current one. */
export const archiveChangeInput = v.strictObject({ version: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) });

/** How long "Rückgängig" can bring a deleted customer back (the toast offers it for 30 s). */
export const DELETE_UNDO_MINUTES = 10;

/** Why a customer cannot be deleted: something still hangs on it. */
export const deleteBlockers = ['has_orders', 'has_products', 'has_portal_users'] as const;
export type DeleteBlocker = (typeof deleteBlockers)[number];
export const deleteBlockerSchema = v.picklist(deleteBlockers);

/** GET /customers/:id: the customer and what keeps it from being deleted. */
export const customerDetailOutput = v.object({ customer: customerOutput, deleteBlockers: v.array(deleteBlockerSchema) });
export type CustomerDetail = v.InferOutput<typeof customerDetailOutput>;
