import type * as v from 'valibot';
import type { PortalUser, portalUserInput, portalUserUpdateInput } from '../../schema/orders';
import { apiPath, http, type PagedQuery, pagedQuery } from './http';

type OneUser = { user: PortalUser };

export const listPortalUsers = (customerId: string): PagedQuery<PortalUser> => pagedQuery(apiPath('customers', customerId, 'users'));

export const createPortalUser = (customerId: string, input: v.InferOutput<typeof portalUserInput>) =>
  http.post<OneUser>(apiPath('customers', customerId, 'users'), input).then((body) => body.user);

/** Name and e-mail, or `active` to deactivate and reactivate. */
export const updatePortalUser = (id: string, patch: v.InferOutput<typeof portalUserUpdateInput>) =>
  http.patch<OneUser>(apiPath('portal-users', id), patch).then((body) => body.user);
