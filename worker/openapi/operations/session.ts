import { sessionInfo, signInInput } from '../../../schema/auth';
import type { OperationGroup } from '../operation';

export const sessionOperations: OperationGroup = {
  tag: 'Session',
  operations: [
    {
      method: 'post',
      path: '/api/v1/session',
      access: 'public',
      summary: 'Sign in',
      description: 'Sets the `desk_session` cookie. Failed sign-ins are slowed after 3 and locked for 15 minutes after 5 per account.',
      body: signInInput,
      responses: { 200: sessionInfo },
      errors: { 401: ['invalid_credentials'], 429: ['sign_in_throttled', 'sign_in_locked'] },
    },
    { method: 'get', path: '/api/v1/session', summary: 'Who is signed in, with permissions and modules', responses: { 200: sessionInfo } },
    { method: 'delete', path: '/api/v1/session', summary: 'Sign out', description: 'Ends the session and clears the cookie.', responses: { 204: null } },
  ],
};
