import type * as v from 'valibot';
import type { ApiToken, apiTokenCreateInput } from '../../schema/integrations';
import { apiPath, http, type PagedQuery, pagedQuery } from './http';

export const listApiTokens = (): PagedQuery<ApiToken> => pagedQuery(apiPath('api-tokens'));

/** The secret `dsk_…` is in this answer only. */
export const createApiToken = (input: v.InferOutput<typeof apiTokenCreateInput>) => http.post<{ token: ApiToken; secret: string }>(apiPath('api-tokens'), input);

/** The token stops working at once. */
export const revokeApiToken = (id: string) => http.delete(apiPath('api-tokens', id));
