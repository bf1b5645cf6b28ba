import * as v from 'valibot';
import { invitationCreateInput, invitationListQuery, invitationOutput, invitationTerms } from '../../../schema/invitations';
import { listOperation, secretShownOnce, type OperationGroup } from '../operation';

/** The link is in this answer only; the API keeps just the hash of its token. */
const withLink = secretShownOnce({ invitation: invitationOutput }, 'url');

export const invitationOperations: OperationGroup = {
  tag: 'Invitations',
  operations: [
    listOperation({ path: '/api/v1/invitations', summary: 'List invitations, newest first', query: invitationListQuery, item: invitationOutput }),
    { method: 'get', path: '/api/v1/invitations/terms', summary: 'The indirect provider and validity the invite dialog offers', responses: { 200: v.object({ terms: invitationTerms }) } },
    { method: 'get', path: '/api/v1/invitations/:id', summary: 'Read one invitation', responses: { 200: v.object({ invitation: invitationOutput }) } },
    {
      method: 'post',
      path: '/api/v1/invitations',
      summary: 'Invite a customer',
      description: 'With `customerId` an existing customer (its other open invitations are revoked); without, a new one who enters its own data.',
      body: invitationCreateInput,
      responses: { 201: withLink },
      errors: { 404: ['not_found'], 409: ['relationship_active'] },
    },
    {
      method: 'post',
      path: '/api/v1/invitations/:id/resend',
      summary: 'Send an open invitation again with a new link',
      description: 'The old link stops working.',
      responses: { 200: withLink },
      errors: { 409: ['invitation_closed'] },
    },
    {
      method: 'post',
      path: '/api/v1/invitations/:id/remind',
      summary: 'Remind the customer of an open invitation',
      description: 'Records the reminder (who, when) and answers a link of its own for the reminder e-mail; the first link keeps working. Once per 24 hours per invitation (429 `reminder_too_soon` with Retry-After); an expired invitation is invited again instead (409 `invitation_expired`).',
      responses: { 200: withLink },
      errors: { 409: ['invitation_closed', 'invitation_expired'], 429: ['reminder_too_soon'] },
    },
    {
      method: 'post',
      path: '/api/v1/invitations/:id/revoke',
      summary: 'Revoke an open invitation',
      responses: { 200: v.object({ invitation: invitationOutput }) },
      errors: { 409: ['invitation_closed'] },
    },
  ],
};
