import { liveQuery } from '../../../schema/realtime';
import type { OperationGroup } from '../operation';

export const liveOperations: OperationGroup = {
  tag: 'Live',
  operations: [
    {
      method: 'get',
      path: '/api/v1/live',
      summary: 'Open the live event socket',
      description:
        'Send `Upgrade: websocket`. The hub greets with `hello` and its sequence number, then sends `event` messages; `since` replays what was missed. Events carry customer data, so they reach only a user or token that may read customers (`customers.read`); others get presence only. The socket is closed with code 4001 when its session signs out, its user is deactivated or its token revoked.',
      query: liveQuery,
      responses: { 101: null },
      errors: { 400: ['websocket_expected'], 403: ['csrf_rejected'] },
    },
  ],
};
