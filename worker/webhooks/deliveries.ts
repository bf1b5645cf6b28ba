// Signed webhooks: committed events are queued as delivery rows in D1 and sent by the reseller's hub,
// which retries failures with backoff through its alarm (so retries survive restarts and need no cron).
import { webhookEventTypes } from '../../schema/integrations';
import type { LiveEvent } from '../../schema/realtime';
import { toBase64Url } from '../auth/crypto';
import { newId } from '../db';
import type { Bindings } from '../env';
import { webhookTargetProblem } from './targets';

export const MAX_ATTEMPTS = 8;
const DEFAULT_RETRY_BASE_MS = 30_000;
const MAX_RETRY_MS = 6 * 3_600_000;
const TIMEOUT_MS = 10_000;

const encoder = new TextEncoder();

/** `X-Desk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` — what receivers verify. */
export async function signPayload(secret: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`));
  const hex = [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `t=${timestamp},v1=${hex}`;
}

export const newWebhookSecret = () => `whsec_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;

const retryBase = (env: Bindings) => Number(env.WEBHOOK_RETRY_BASE_MS ?? DEFAULT_RETRY_BASE_MS);

/** Queues one delivery per subscribed endpoint and event; returns how many were queued. */
export async function enqueueDeliveries(env: Bindings, resellerId: string, events: LiveEvent[]): Promise<number> {
  const wanted = events.filter((event) => (webhookEventTypes as readonly string[]).includes(event.kind));
  if (wanted.length === 0) return 0;
  const endpoints = await env.DB.prepare('SELECT id, event_types AS eventTypes FROM webhook_endpoints WHERE reseller_id = ? AND active = 1')
    .bind(resellerId)
    .all<{ id: string; eventTypes: string }>();
  const statements = [];
  const now = new Date().toISOString();
  for (const endpoint of endpoints.results) {
    const types = JSON.parse(endpoint.eventTypes) as string[];
    for (const event of wanted) {
      if (!types.includes(event.kind)) continue;
      const id = newId('whd');
      const payload = JSON.stringify({
        id,
        type: event.kind,
        createdAt: event.at,
        data: { entityId: event.entityId, version: event.version ?? null, object: event.data ?? null, actor: event.actor },
      });
      statements.push(
        env.DB.prepare('INSERT INTO webhook_deliveries (id, reseller_id, endpoint_id, event_kind, payload, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)').bind(
          id,
          resellerId,
          endpoint.id,
          event.kind,
          payload,
          now,
        ),
      );
    }
  }
  if (statements.length > 0) await env.DB.batch(statements);
  return statements.length;
}

interface DueDelivery {
  id: string;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
  eventKind: string;
}

async function attempt(env: Bindings, delivery: DueDelivery): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  // Checked again at every attempt: an endpoint saved before a rule existed is held to it too.
  if (webhookTargetProblem(env, delivery.url)) return { ok: false, status: null, error: 'url_not_allowed' };
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Kundendesk-Webhooks/1',
        'x-desk-event': delivery.eventKind,
        'x-desk-delivery': delivery.id,
        'x-desk-signature': await signPayload(delivery.secret, timestamp, delivery.payload),
      },
      body: delivery.payload,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
    });
    await response.body?.cancel();
    return { ok: response.status >= 200 && response.status < 300, status: response.status, error: null };
  } catch (error) {
    // A code people can act on: the receiver was too slow, or could not be reached at all.
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { ok: false, status: null, error: timedOut ? 'timeout' : 'unreachable' };
  }
}

/**
 * Sends every delivery of the reseller that is due, records the outcome and returns when the next
 * one is due (for the hub's alarm), or null when nothing is waiting.
 */
export async function sendDueDeliveries(env: Bindings, resellerId: string): Promise<number | null> {
  const now = new Date().toISOString();
  const due = await env.DB.prepare(
    `SELECT d.id, d.payload, d.attempts, d.event_kind AS eventKind, e.url, e.secret FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
     WHERE d.reseller_id = ? AND d.status = 'pending' AND e.active = 1 AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at LIMIT 50`,
  )
    .bind(resellerId, now)
    .all<DueDelivery>();
  for (const delivery of due.results) {
    const outcome = await attempt(env, delivery);
    const attempts = delivery.attempts + 1;
    const status = outcome.ok ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
    const next = status === 'pending' ? new Date(Date.now() + Math.min(MAX_RETRY_MS, retryBase(env) * 2 ** (attempts - 1))).toISOString() : null;
    await env.DB.prepare('UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status_code = ?, last_error = ?, next_attempt_at = ? WHERE id = ?')
      .bind(status, attempts, outcome.status, outcome.error, next, delivery.id)
      .run();
  }
  const upcoming = await env.DB.prepare("SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE reseller_id = ? AND status = 'pending'")
    .bind(resellerId)
    .first<{ at: string | null }>();
  return upcoming?.at ? Date.parse(upcoming.at) : null;
}
