import type * as v from 'valibot';
import type { Domain, domainInput, domainUpdateInput } from '../../schema/orders';
import { apiPath, http, type PagedQuery, pagedQuery } from './http';

type OneDomain = { domain: Domain };

export const listDomains = (customerId: string): PagedQuery<Domain> => pagedQuery(apiPath('customers', customerId, 'domains'));

export const createDomain = (customerId: string, input: v.InferOutput<typeof domainInput>) =>
  http.post<OneDomain>(apiPath('customers', customerId, 'domains'), input).then((body) => body.domain);

export const updateDomain = (id: string, patch: v.InferOutput<typeof domainUpdateInput>) => http.patch<OneDomain>(apiPath('domains', id), patch).then((body) => body.domain);

export const deleteDomain = (id: string) => http.delete(apiPath('domains', id));
