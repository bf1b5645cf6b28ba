import { DurableObject } from 'cloudflare:workers';
import * as v from 'valibot';
import { clientMessage, LIVE_CLOSE_SIGNED_OUT, type LiveEvent, type ServerMessage } from '../../schema/realtime';
import { benchEcho } from '../bench';
import { nowIso } from '../db';
import type { Bindings } from '../env';
import type { HubRpc, Listener } from '../hubRpc';
import { OUTBOX_GRACE_MS } from '../live';
import { enqueueDeliveries, sendDueDeliveries } from '../webhooks/deliveries';
import { AlarmScheduler } from './alarmScheduler';
import { EventLog } from './eventLog';
import { JobRunner } from './jobRunner';
import { type Delivery, Outbox } from './outbox';
import { readsCustomers, type SocketState, Sockets } from './sockets';

/** How long delivered outbox rows wait to be removed together. */
const SETTLE_DELAY_MS = 50;

/** The tasks that share the hub's one alarm. */
type AlarmKey = 'webhooks' | 'jobs' | 'outbox';

/**
 * One per reseller (idFromName of the reseller id), reachable only through the Worker, which
 * authenticates every socket before forwarding it here. Its entry points hand the work to small units:
 * the event log (numbering, replay, retention), the sockets with presence, the live outbox, the job
 * runner, and webhook sending; webhook retries, job chunks and outbox re-drives share the one alarm.
 */
export class ResellerHub extends DurableObject<Bindings> implements HubRpc {
  private readonly log: EventLog;
  private readonly sockets: Sockets;
  private readonly jobs: JobRunner;
  private readonly outbox: Outbox;
  /** Outbox rows broadcast but not yet removed from D1: removed together, off the broadcast's path. */
  private settling: { resellerId: string; seqs: number[]; done: Promise<void> } | undefined;
  private readonly alarms: AlarmScheduler<AlarmKey>;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.log = new EventLog(ctx.storage.sql);
    this.sockets = new Sockets(ctx);
    // A job's committed changes reach colleagues and integrations like any write's.
    this.jobs = new JobRunner(
      env,
      (promise) => ctx.waitUntil(promise),
      (resellerId, events) => this.fanOut(resellerId, { events, late: false }),
    );
    this.outbox = new Outbox(ctx.storage.sql, env, (resellerId, delivery) => this.fanOut(resellerId, delivery));
    this.alarms = new AlarmScheduler<AlarmKey>(ctx.storage, {
      webhooks: async () => this.sendWebhooks(await this.resellerId()),
      jobs: async () => {
        const resellerId = await this.resellerId();
        if (resellerId && (await this.jobs.stepAll(resellerId))) await this.alarms.schedule('jobs', Date.now() + this.jobs.pauseMs);
      },
      outbox: async () => {
        const resellerId = await this.resellerId();
        if (resellerId) await this.redrive(resellerId);
      },
    });
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  /** The reseller this hub serves, remembered at its first publish or job so the alarm knows it. */
  private async resellerId(): Promise<string | undefined> {
    return this.ctx.storage.get<string>('resellerId');
  }

  private async remember(resellerId: string) {
    if ((await this.resellerId()) !== resellerId) await this.ctx.storage.put('resellerId', resellerId);
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
    this.sockets.accept(server, state);

    const seq = this.log.lastSeq();
    const params = new URL(request.url).searchParams;
    const since = params.get('since');
    if (params.has('resync')) this.sockets.send(server, { type: 'resync', seq });
    else if (since !== null && state.readsCustomers) this.catchUp(server, Number(since));
    this.sockets.send(server, { type: 'hello', seq, presence: state.readsCustomers ? this.sockets.presence() : [] });
    this.sockets.broadcastPresence(server);
    // A publish lost while nobody was connected reaches this client now rather than at the minute's sweep.
    const resellerId = request.headers.get('x-hub-reseller');
    if (resellerId) this.ctx.waitUntil(this.redrive(resellerId).catch(() => 0));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** What a reconnecting client missed, or `resync` when that is no longer kept. */
  private catchUp(socket: WebSocket, since: number) {
    const catchup = this.log.since(since);
    if (catchup.kind === 'resync') return this.sockets.send(socket, { type: 'resync', seq: this.log.lastSeq() });
    for (const { seq, event } of catchup.events) this.sockets.send(socket, { type: 'event', seq, event });
  }

  /**
   * Called by the Worker (RPC) after a committed write with the events and their outbox row (null for
   * events computed after the commit that could not be read: clients resync). Broadcasts first; removing
   * the row and re-driving older leftovers come after. Returns the last sequence number.
   */
  async publish(resellerId: string, events: LiveEvent[] | null, outboxSeq: number | null = null): Promise<number> {
    if (outboxSeq === null || this.outbox.claim(outboxSeq)) await this.fanOut(resellerId, { events, late: false });
    if (outboxSeq !== null) this.settleSoon(resellerId, outboxSeq);
    return this.log.lastSeq();
  }

  /** Broadcasts what the outbox holds past the grace (RPC from the minute's sweep; also on connect and by alarm). */
  async redrive(resellerId: string): Promise<number> {
    await this.remember(resellerId);
    return this.outbox.redrive(resellerId, nowIso(new Date(Date.now() - OUTBOX_GRACE_MS)));
  }

  /** Collects delivered rows for a short moment, so a burst of writes costs one D1 batch to clean up. */
  private settleSoon(resellerId: string, seq: number) {
    if (this.settling?.resellerId === resellerId) return void this.settling.seqs.push(seq);
    const seqs = [seq];
    const done = new Promise<void>((resolve) => setTimeout(resolve, SETTLE_DELAY_MS)).then(() => {
      if (this.settling?.seqs === seqs) this.settling = undefined;
      return this.settleOutbox(resellerId, seqs);
    });
    this.settling = { resellerId, seqs, done };
    this.ctx.waitUntil(done);
  }

  private async settleOutbox(resellerId: string, seqs: number[]) {
    try {
      const oldest = await this.outbox.settle(resellerId, seqs);
      if (oldest === null) return;
      // A row still waiting is either on its way or lost: look again once its grace is over.
      if (oldest + OUTBOX_GRACE_MS <= Date.now()) await this.redrive(resellerId);
      else await this.alarms.schedule('outbox', oldest + OUTBOX_GRACE_MS + 100);
    } catch (error) {
      console.error(`outbox settle failed for ${resellerId}: ${error instanceof Error ? error.message : 'unknown'}`);
    }
  }

  /**
   * Numbers and broadcasts events to the sockets that may read customers, or tells every client to
   * resync when the events are unknown or late; then queues their webhook deliveries (the one place
   * they are queued) off the broadcast's path.
   */
  private async fanOut(resellerId: string, { events, late }: Delivery) {
    if (events === null || late) this.sockets.broadcast({ type: 'resync', seq: this.log.markResync() });
    else for (const { seq, event } of this.log.append(events)) this.sockets.broadcast({ type: 'event', seq, event } satisfies ServerMessage, readsCustomers);
    if (!events?.length) return;
    await this.remember(resellerId);
    this.ctx.waitUntil(this.queueWebhooks(resellerId, events));
  }

  private async queueWebhooks(resellerId: string, events: LiveEvent[]) {
    try {
      if ((await enqueueDeliveries(this.env, resellerId, events)) > 0) await this.sendWebhooks(resellerId);
    } catch (error) {
      console.error(`webhook queueing failed for ${resellerId}: ${error instanceof Error ? error.message : 'unknown'}`);
    }
  }

  /** Sends what is due and keeps the alarm for the retries. */
  private async sendWebhooks(resellerId: string | undefined) {
    if (!resellerId) return;
    const nextDue = await sendDueDeliveries(this.env, resellerId);
    if (nextDue !== null) await this.alarms.schedule('webhooks', Math.max(nextDue, Date.now() + 50));
  }

  /**
   * Called by the Worker (RPC) after a job started or a cancel was asked for: works the job's next
   * chunk now, and keeps the alarm for the rest (chunks are paced by JOB_CHUNK_PAUSE_MS).
   */
  async runJob(resellerId: string, jobId: string): Promise<void> {
    await this.remember(resellerId);
    if (await this.jobs.step(resellerId, jobId)) await this.alarms.schedule('jobs', Date.now() + this.jobs.pauseMs);
  }

  override async alarm(): Promise<void> {
    await this.alarms.onAlarm();
  }

  /**
   * Closes the sockets of a session that signed out, or of a user deactivated or a token revoked (RPC
   * after the commit): they were authenticated once, at the upgrade, and would go on hearing events.
   */
  async disconnect(listener: Listener): Promise<number> {
    const closed = this.sockets.close(listener, LIVE_CLOSE_SIGNED_OUT, 'signed out');
    if (closed > 0) this.sockets.broadcastPresence();
    return closed;
  }

  /** Tells every client to refetch (a publish was lost, so replay cannot be trusted). */
  async requestResync(): Promise<void> {
    this.sockets.broadcast({ type: 'resync', seq: this.log.markResync() });
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer) {
    if (typeof message !== 'string' || message.length > 1_000) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    const echo = benchEcho(this.env, parsed);
    if (echo) return this.sockets.broadcast(echo);
    const result = v.safeParse(clientMessage, parsed);
    if (!result.success) return;
    if (result.output.type === 'ping') return this.sockets.send(socket, { type: 'pong' });
    // Without customers.read there is no customer to have open: such a socket cannot claim one.
    if (this.sockets.setOpen(socket, result.output.viewing, result.output.editing)) this.sockets.broadcastPresence();
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
    this.sockets.broadcastPresence(socket);
  }
}
