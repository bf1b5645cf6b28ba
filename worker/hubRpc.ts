// What the Worker may call on a reseller's hub (the Durable Object in worker/hub/), as an interface:
// the Worker's bindings name this surface, not the hub's class, so the write path below the routes
// does not depend on the hub that depends on it. ResellerHub implements it.
import type { LiveEvent } from '../schema/realtime';

/** Whose sockets to close: everything of a user (deactivated, token revoked) or one session (signed out). */
export type Listener = { userId: string } | { sessionKey: string };

/** Besides these, the stub's `fetch` upgrades `GET /api/v1/live` (authenticated by the route) to a WebSocket. */
export interface HubRpc extends Rpc.DurableObjectBranded {
  /**
   * After a committed write: broadcasts `events` (null: they could not be read, clients resync) and
   * settles their outbox row `outboxSeq`; the last sequence number.
   */
  publish(resellerId: string, events: LiveEvent[] | null, outboxSeq?: number | null): Promise<number>;
  /** Broadcasts what the outbox still holds past its grace; how many. */
  redrive(resellerId: string): Promise<number>;
  /** After a job started or a cancel was asked for: works its next chunk now. */
  runJob(resellerId: string, jobId: string): Promise<void>;
  /** Closes the sockets of `listener`; how many. */
  disconnect(listener: Listener): Promise<number>;
  /** Tells every client to refetch. */
  requestResync(): Promise<void>;
}

/** What the Worker uses of the hubs' namespace: one hub per reseller, by name. */
export interface HubNamespace {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): DurableObjectStub<HubRpc>;
}
