import type { CustomField, CustomFieldInput, CustomFieldUpdateInput } from '../../schema/customFields';
import { apiPath, http, type PagedQuery, pagedQuery } from './http';

type OneField = { field: CustomField };

/** The reseller's custom field definitions by position, archived ones included. */
export const listCustomFields = (): PagedQuery<CustomField> => pagedQuery(apiPath('custom-fields'));

export const createCustomField = (input: CustomFieldInput) => http.post<OneField>(apiPath('custom-fields'), input).then((body) => body.field);

/** Label, options, required, position or archived; the type stays. */
export const updateCustomField = (id: string, patch: CustomFieldUpdateInput) => http.patch<OneField>(apiPath('custom-fields', id), patch).then((body) => body.field);
