import * as v from 'valibot';
import { invitationAcceptInput, publicInvitationOutput } from '../../../schema/invitations';
import type { Operation, OperationGroup } from '../operation';

const answered = v.object({ state: v.picklist(['accepted', 'declined']), resellerName: v.string() });
/** Every link that cannot be used answers alike: unknown (404), or expired, revoked or used (410). */
const unusable: Operation['errors'] = { 404: ['invitation_unknown'], 410: ['invitation_expired', 'invitation_revoked', 'invitation_used'], 429: ['rate_limited'] };

export const publicInvitationOperations: OperationGroup = {
  tag: 'Invitation page',
  operations: [
    {
      method: 'get',
      path: '/api/v1/public/invitations/:token',
      access: 'public',
      summary: 'What the invitation asks for',
      description: 'Reads the invitation; records nothing.',
      responses: { 200: v.object({ invitation: publicInvitationOutput }) },
      errors: unusable,
    },
    {
      method: 'post',
      path: '/api/v1/public/invitations/:token/opened',
      access: 'public',
      summary: 'The customer opened the link',
      description: 'What the invitation page sends when it shows the invitation: records when the customer first and last opened it (the reseller sees it live) and answers what the invitation asks for. An expired, revoked or used link records nothing.',
      responses: { 200: v.object({ invitation: publicInvitationOutput }) },
      errors: unusable,
    },
    {
      method: 'post',
      path: '/api/v1/public/invitations/:token/accept',
      access: 'public',
      summary: 'Accept, granting some or all of the rights asked for',
      description: 'A new customer also sends its master data as `customer`.',
      body: invitationAcceptInput,
      responses: { 200: answered },
      errors: unusable,
    },
    {
      method: 'post',
      path: '/api/v1/public/invitations/:token/decline',
      access: 'public',
      summary: 'Decline',
      responses: { 200: answered },
      errors: unusable,
    },
  ],
};
