import { enqueueDeliveries, sendDueDeliveries } from './webhooks/deliveries';
import { failJob, openJobIds, runJobStep } from './jobs/runner';
import { takeResyncFlag } from './live';
import type { WriteContext } from './write';
import { DurableObject } from 'cloudflare:workers';
import * as v from 'valibot';
import { clientMessage, LIVE_CLOSE_SIGNED_OUT, type LiveEvent, type PresenceEntry, type ServerMessage } from '../schema/realtime';
import type { Bindings } from './env';

/** Kept for replay: at least the last 1,000 events, and everything from the last 24 hours. */
const KEEP_EVENTS = 1_000;
const KEEP_MS = 24 * 3_600_000;
/** A chunk that fails this often in a row ends its job as failed. */
const JOB_ATTEMPTS = 3;

interface SocketState {
  userId: string;
  displayName: string;
  /** The hash of the session (or the API token's id) the socket was opened with, so signing out can close it. */
  sessionKey: string;
  /** Events carry customer rows: only a socket whose user or token may read customers gets them. */
  readsCustomers: boolean;
  viewing: string | null;
  editing: string | null;
}

/** Whose sockets to close: everything of a user (deactivated, token revoked) or one session (signed out). */
export type Listener = { userId: string } | { sessionKey: string };

/**
 * One per reseller (idFromName of the reseller id): numbers the reseller's events, keeps the recent
 * ones for replay, broadcasts them to the reseller's sockets and tracks presence. It is reachable only
 * through the Worker, which authenticates every socket before forwarding it here.
 */
export class ResellerHub extends DurableObject<Bindings> {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)');
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  private lastSeq(): number {
    return this.ctx.storage.sql.exec<{ seq: number | null }>('SELECT max(seq) AS seq FROM events').one().seq ?? 0;
  }

  /** The upgrade, forwarded by the Worker with the signed-in user in `x-hub-user` / `x-hub-name` / `x-hub-session` / `x-hub-reads`. */
  override async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
    const state: SocketState = {
      userId: request.headers.get('x-hub-user') ?? '',
      displayName: decodeURIComponent(request.headers.get('x-hub-name') ?? ''),
      sessionKey: request.headers.get('x-hub-session') ?? '',
      readsCustomers: request.headers.get('x-hub-reads') === 'customers',
      viewing: null,
      editing: null,
    };
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment(state);

    const seq = this.lastSeq();
    const params = new URL(request.url).searchParams;
    const sinceText = params.get('since');
    if (params.has('resync')) this.send(server, { type: 'resync', seq });
    else if (sinceText !== null && state.readsCustomers) this.replay(server, Number(sinceText), seq);
    // Presence names staff and the customers they have open: only for those who may read customers.
    this.send(server, { type: 'hello', seq, presence: state.readsCustomers ? this.presence() : [] });
    this.broadcastPresence(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Sends what a reconnecting client missed, or `resync` when that is no longer kept. */
  private replay(socket: WebSocket, since: number, seq: number) {
    if (!Number.isInteger(since) || since < 0 || since > seq) return this.send(socket, { type: 'resync', seq });
    if (since === seq) return;
    const oldest = this.ctx.storage.sql.exec<{ seq: number | null }>('SELECT min(seq) AS seq FROM events').one().seq ?? seq + 1;
    if (since + 1 < oldest) return this.send(socket, { type: 'resync', seq });
    for (const row of this.ctx.storage.sql.exec<{ seq: number; body: string }>('SELECT seq, body FROM events WHERE seq > ? ORDER BY seq', since)) {
      this.send(socket, { type: 'event', seq: row.seq, event: JSON.parse(row.body) as LiveEvent });
    }
  }

  /** Called by the Worker (RPC) after a committed write. Returns the last sequence number. */
  async publish(events: LiveEvent[], resyncFirst = false): Promise<number> {
    if (resyncFirst) this.broadcast({ type: 'resync', seq: this.lastSeq() });
    let seq = this.lastSeq();
    const now = Date.now();
    for (const event of events) {
      seq += 1;
      this.ctx.storage.sql.exec('INSERT INTO events (seq, at, body) VALUES (?, ?, ?)', seq, now, JSON.stringify(event));
      this.broadcast({ type: 'event', seq, event }, undefined, (state) => state.readsCustomers);
    }
    this.ctx.storage.sql.exec('DELETE FROM events WHERE seq <= ? AND at < ?', seq - KEEP_EVENTS, now - KEEP_MS);
    return seq;
  }

  /** Sends due webhook deliveries now and keeps an alarm for the retries (RPC after a committed write). */
  async deliverWebhooks(resellerId: string): Promise<void> {
    await this.ctx.storage.put('resellerId', resellerId);
    await this.scheduleWebhooks(await sendDueDeliveries(this.env, resellerId));
  }

  override async alarm(): Promise<void> {
    const resellerId = await this.ctx.storage.get<string>('resellerId');
    if (!resellerId) return;
    const nextDue = await sendDueDeliveries(this.env, resellerId);
    // The alarm is the jobs' clock too: each firing works one chunk of every open job.
    let jobsLeft = false;
    for (const jobId of await openJobIds(this.env, resellerId)) jobsLeft = (await this.jobStep(resellerId, jobId)) || jobsLeft;
    await this.scheduleWebhooks(nextDue);
    if (jobsLeft) await this.scheduleJobs();
  }

  private async scheduleWebhooks(nextDue: number | null) {
    if (nextDue === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > nextDue) await this.ctx.storage.setAlarm(Math.max(nextDue, Date.now() + 50));
  }

  /** Jobs whose step is running in this instance: a kick and an alarm never work on one job at once. */
  private readonly busyJobs = new Set<string>();
  private readonly failedSteps = new Map<string, number>();

  private jobContext(): WriteContext {
    return { env: this.env, executionCtx: { waitUntil: (promise) => this.ctx.waitUntil(promise) } };
  }

  /**
   * Called by the Worker (RPC) after a job started or a cancel was asked for: works the job's next
   * chunk now, and keeps an alarm for the rest. Chunks are paced by JOB_CHUNK_PAUSE_MS so the
   * reseller's other requests get D1 in between.
   */
  async runJob(resellerId: string, jobId: string): Promise<void> {
    await this.ctx.storage.put('resellerId', resellerId);
    if (await this.jobStep(resellerId, jobId)) await this.scheduleJobs();
  }

  private async scheduleJobs() {
    const due = Date.now() + Number(this.env.JOB_CHUNK_PAUSE_MS ?? 100);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > due) await this.ctx.storage.setAlarm(due);
  }

  /** One chunk; whether work is left. A chunk that keeps failing ends the job as failed. */
  private async jobStep(resellerId: string, jobId: string): Promise<boolean> {
    if (this.busyJobs.has(jobId)) return true;
    this.busyJobs.add(jobId);
    const publish = (events: LiveEvent[]) => this.publishFromJob(resellerId, events);
    try {
      const more = await runJobStep(this.jobContext(), resellerId, jobId, publish);
      this.failedSteps.delete(jobId);
      return more;
    } catch (error) {
      const failures = (this.failedSteps.get(jobId) ?? 0) + 1;
      this.failedSteps.set(jobId, failures);
      console.error(`job ${jobId} step failed (${failures}/${JOB_ATTEMPTS}): ${error instanceof Error ? error.message : 'unknown'}`);
      if (failures < JOB_ATTEMPTS) return true;
      this.failedSteps.delete(jobId);
      await failJob(this.jobContext(), resellerId, jobId, publish).catch(() => undefined);
      return false;
    } finally {
      this.busyJobs.delete(jobId);
    }
  }

  /** A job's committed changes reach colleagues and integrations like any write's (publishToReseller, from inside the hub). */
  private async publishFromJob(resellerId: string, events: LiveEvent[]) {
    if (events.length === 0) return;
    try {
      if ((await enqueueDeliveries(this.env, resellerId, events)) > 0) await this.scheduleWebhooks(await sendDueDeliveries(this.env, resellerId));
    } catch (error) {
      console.error(`webhook queueing failed for ${resellerId}: ${error instanceof Error ? error.message : 'unknown'}`);
    }
    await this.publish(events, await takeResyncFlag(this.env, resellerId).catch(() => false));
  }

  /**
   * Closes the sockets of a session that signed out, or of a user deactivated or a token revoked (RPC
   * after the commit): they were authenticated once, at the upgrade, and would go on hearing events.
   */
  async disconnect(listener: Listener): Promise<number> {
    let closed = 0;
    for (const socket of this.ctx.getWebSockets()) {
      const state = socket.deserializeAttachment() as SocketState | null;
      if (!state || ('userId' in listener ? state.userId !== listener.userId : state.sessionKey !== listener.sessionKey)) continue;
      socket.close(LIVE_CLOSE_SIGNED_OUT, 'signed out');
      closed += 1;
    }
    if (closed > 0) this.broadcastPresence();
    return closed;
  }

  /** Tells every client to refetch (a publish was lost, so replay cannot be trusted). */
  async requestResync(): Promise<void> {
    this.broadcast({ type: 'resync', seq: this.lastSeq() });
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer) {
    if (typeof message !== 'string' || message.length > 1_000) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    const result = v.safeParse(clientMessage, parsed);
    if (!result.success) return;
    if (result.output.type === 'ping') return this.send(socket, { type: 'pong' });
    if (result.output.type === 'echo') {
      // The benchmark's floor: a broadcast with no D1 write in front of it. Off unless asked for.
      if (this.env.BENCH_ECHO === '1') this.broadcast({ type: 'echo', id: result.output.id });
      return;
    }
    const state = socket.deserializeAttachment() as SocketState;
    // Without customers.read there is no customer to have open: such a socket cannot claim one.
    if (!state.readsCustomers) return;
    socket.serializeAttachment({ ...state, viewing: result.output.viewing, editing: result.output.editing });
    this.broadcastPresence();
  }

  override async webSocketClose(socket: WebSocket) {
    this.closed(socket);
  }

  override async webSocketError(socket: WebSocket) {
    this.closed(socket);
  }

  private closed(socket: WebSocket) {
    try {
      socket.close(1000, 'bye');
    } catch {
      // already closed
    }
    this.broadcastPresence(socket);
  }

  private broadcastPresence(without?: WebSocket) {
    this.broadcast({ type: 'presence', presence: this.presence(without) }, without, (state) => state.readsCustomers);
  }

  /** Who is online and what they have open, one entry per person however many tabs they use. */
  private presence(without?: WebSocket): PresenceEntry[] {
    const people = new Map<string, PresenceEntry>();
    for (const socket of this.ctx.getWebSockets()) {
      if (socket === without || socket.readyState !== WebSocket.OPEN) continue;
      const state = socket.deserializeAttachment() as SocketState | null;
      if (!state?.userId) continue;
      const entry = people.get(state.userId) ?? { userId: state.userId, displayName: state.displayName, viewing: [], editing: [] };
      if (state.viewing && !entry.viewing.includes(state.viewing)) entry.viewing.push(state.viewing);
      if (state.editing && !entry.editing.includes(state.editing)) entry.editing.push(state.editing);
      people.set(state.userId, entry);
    }
    return [...people.values()];
  }

  private send(socket: WebSocket, message: ServerMessage) {
    try {
      socket.send(JSON.stringify(message));
    } catch {
      // a socket that died between listing and sending; its close handler cleans up
    }
  }

  private broadcast(message: ServerMessage, except?: WebSocket, to: (state: SocketState) => boolean = () => true) {
    const text = JSON.stringify(message);
    for (const socket of this.ctx.getWebSockets()) {
      if (socket === except || !to(socket.deserializeAttachment() as SocketState)) continue;
      try {
        socket.send(text);
      } catch {
        // see send()
      }
    }
  }
}
