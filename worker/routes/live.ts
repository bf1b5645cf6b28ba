import { Hono } from 'hono';
import { liveQuery } from '../../schema/realtime';
import { currentActor } from '../auth/guards';
import type { AppEnv } from '../env';
import { BadRequest, Forbidden } from '../errors';
import { hubOf } from '../live';
import { describeRoute } from '../openapi/describeRoute';
import { readQuery } from '../validate';

export const liveRoutes = new Hono<AppEnv>();

/**
 * The live socket: authenticated here, then handed to the reseller's own hub, so a socket can only
 * ever receive its own reseller's events. `?since=<seq>` asks for what was missed.
 */
liveRoutes.get(
  '/',
  describeRoute({
    tag: 'Live',
    summary: 'Open the live event socket',
    description:
      'Send `Upgrade: websocket`. The hub greets with `hello` and its sequence number, then sends `event` messages; `since` replays what was missed. Events carry customer data, so they reach only a user or token that may read customers (`customers.read`); others get presence only. The socket is closed with code 4001 when its session signs out, its user is deactivated or its token revoked.',
    query: liveQuery,
    responses: { 101: null },
    errors: { 400: ['websocket_expected'], 403: ['csrf_rejected'] },
  }),
  async (c) => {
    const actor = currentActor(c);
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new BadRequest('websocket_expected', 'Open this URL as a WebSocket.');
    // Cookies ride along on cross-site WebSocket handshakes too; only our own pages may open one.
    const origin = c.req.header('origin');
    if (!actor.apiTokenId && origin && origin !== new URL(c.req.url).origin) throw new Forbidden('csrf_rejected', 'Cross-site WebSocket refused.');

    const { since } = readQuery(c, liveQuery);
    const hubUrl = new URL('https://hub.internal/connect');
    if (since !== undefined) hubUrl.searchParams.set('since', since);

    const headers = new Headers({
      upgrade: 'websocket',
      'x-hub-reseller': actor.resellerId,
      'x-hub-user': actor.userId,
      'x-hub-name': encodeURIComponent(actor.displayName),
      // What signing out closes (the session's hash, or the token), and whether events may reach this socket:
      // they carry customer rows, so a token without customers.read gets presence but no events.
      'x-hub-session': actor.apiTokenId ?? actor.sessionTokenHash,
      'x-hub-reads': actor.permissions.has('customers.read') ? 'customers' : 'none',
    });
    return hubOf(c.env, actor.resellerId).fetch(hubUrl.toString(), { headers });
  },
);
