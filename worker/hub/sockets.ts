// The hub's sockets: what each was opened with (kept in its hibernation attachment), sending to one or
// many, and presence (who is online and which customers they have open).
import type { PresenceEntry, ServerMessage } from '../../schema/realtime';
import type { BenchEcho } from '../bench';
import type { Listener } from '../hubRpc';

type Outgoing = ServerMessage | BenchEcho;

export interface SocketState {
  userId: string;
  displayName: string;
  /** The hash of the session (or the API token's id) the socket was opened with, so signing out can close it. */
  sessionKey: string;
  /** Events carry customer rows and presence names customers: only a socket whose user or token may read customers gets them. */
  readsCustomers: boolean;
  viewing: string | null;
  editing: string | null;
}

export const stateOf = (socket: WebSocket) => socket.deserializeAttachment() as SocketState | null;
export const readsCustomers = (state: SocketState | null) => state?.readsCustomers === true;

export class Sockets {
  constructor(private readonly ctx: DurableObjectState) {}

  accept(socket: WebSocket, state: SocketState) {
    this.ctx.acceptWebSocket(socket);
    socket.serializeAttachment(state);
  }

  send(socket: WebSocket, message: Outgoing) {
    try {
      socket.send(JSON.stringify(message));
    } catch {
      // a socket that died between listing and sending; its close handler cleans up
    }
  }

  /** To every socket (but `except`) whose state `to` accepts; the message is serialised once. */
  broadcast(message: Outgoing, to: (state: SocketState | null) => boolean = () => true, except?: WebSocket) {
    const text = JSON.stringify(message);
    for (const socket of this.ctx.getWebSockets()) {
      if (socket === except || !to(stateOf(socket))) continue;
      try {
        socket.send(text);
      } catch {
        // see send()
      }
    }
  }

  /** Closes the sockets of `listener`; how many. */
  close(listener: Listener, code: number, reason: string): number {
    let closed = 0;
    for (const socket of this.ctx.getWebSockets()) {
      const state = stateOf(socket);
      if (!state || ('userId' in listener ? state.userId !== listener.userId : state.sessionKey !== listener.sessionKey)) continue;
      socket.close(code, reason);
      closed += 1;
    }
    return closed;
  }

  /** Records what a socket has open; refused (false) for a socket that may not read customers. */
  setOpen(socket: WebSocket, viewing: string | null, editing: string | null): boolean {
    const state = stateOf(socket);
    if (!state || !readsCustomers(state)) return false;
    socket.serializeAttachment({ ...state, viewing, editing });
    return true;
  }

  /** Who is online and what they have open, one entry per person however many tabs they use. */
  presence(without?: WebSocket): PresenceEntry[] {
    const people = new Map<string, PresenceEntry>();
    for (const socket of this.ctx.getWebSockets()) {
      if (socket === without || socket.readyState !== WebSocket.OPEN) continue;
      const state = stateOf(socket);
      if (!state?.userId) continue;
      const entry = people.get(state.userId) ?? { userId: state.userId, displayName: state.displayName, viewing: [], editing: [] };
      if (state.viewing && !entry.viewing.includes(state.viewing)) entry.viewing.push(state.viewing);
      if (state.editing && !entry.editing.includes(state.editing)) entry.editing.push(state.editing);
      people.set(state.userId, entry);
    }
    return [...people.values()];
  }

  /** Presence to those who may see it: it names staff and the customers they have open. */
  broadcastPresence(without?: WebSocket) {
    this.broadcast({ type: 'presence', presence: this.presence(without) }, readsCustomers, without);
  }
}
