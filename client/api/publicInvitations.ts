import type { InvitationAcceptInput, PublicInvitation } from '../../schema/invitations';
import { apiPath, http } from './http';

const link = (token: string, action: string) => apiPath('public', 'invitations', token, action);

/** What the invitation asks for; records that the customer opened the link. */
export const openPublicInvitation = (token: string) => http.post<{ invitation: PublicInvitation }>(link(token, 'opened')).then((body) => body.invitation);

export const acceptInvitation = (token: string, input: InvitationAcceptInput) => http.post<void>(link(token, 'accept'), input);

export const declineInvitation = (token: string) => http.post<void>(link(token, 'decline'));
