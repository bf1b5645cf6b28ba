import type * as v from 'valibot';
import type { Invitation, InvitationCreateInput, invitationListQuery, invitationTerms } from '../../schema/invitations';
import { apiPath, http, type PagedQuery, pagedQuery } from './http';

export type InvitationFilters = Omit<v.InferInput<typeof invitationListQuery>, 'limit' | 'cursor'>;
export type InvitationTerms = v.InferOutput<typeof invitationTerms>;
/** A new link is shown once, in the answer that made it. */
export type InvitationWithLink = { invitation: Invitation; url: string };

export const listInvitations = (filters: InvitationFilters): PagedQuery<Invitation> => pagedQuery(apiPath('invitations'), filters);

/** The customer's latest invitation, if any. */
export const latestInvitationOf = (customerId: string) =>
  listInvitations({ customerId })
    .read({ limit: 1 })
    .then((page) => page.items[0]);

/** The indirect provider and the validity the invite dialog offers. */
export const getInvitationTerms = () => http.get<{ terms: InvitationTerms }>(apiPath('invitations', 'terms')).then((body) => body.terms);

export const createInvitation = (input: InvitationCreateInput) => http.post<InvitationWithLink>(apiPath('invitations'), input);

/**
 * Resend: a new link and a new term, earlier links end; based on the version shown (If-Match), so of two
 * colleagues resending at once one is told it changed. Remind: a link of its own for the same term.
 */
export const renewInvitationLink = (invitation: Pick<Invitation, 'id' | 'version'>, action: 'resend' | 'remind') =>
  http.post<InvitationWithLink>(apiPath('invitations', invitation.id, action), {}, action === 'resend' ? { 'If-Match': `"v${invitation.version}"` } : {});

export const revokeInvitation = (id: string) => http.post<{ invitation: Invitation }>(apiPath('invitations', id, 'revoke')).then((body) => body.invitation);
