import { SELF } from 'cloudflare:test';
import type { ServerMessage } from '../schema/realtime';
import { type Client, ORIGIN } from './fixtures';

/** A live socket as the browser opens it, collecting every message it receives. */
export class LiveSocket {
  readonly messages: ServerMessage[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      this.messages.push(JSON.parse(event.data as string) as ServerMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Opened by a signed-in browser (its cookie, our origin) or by an integration (`{ bearer }`). */
  static async open(client: Client | { bearer: string }, query = ''): Promise<LiveSocket> {
    const credentials: Record<string, string> = 'bearer' in client ? { authorization: `Bearer ${client.bearer}` } : { cookie: client.cookie, origin: ORIGIN };
    const response = await SELF.fetch(`${ORIGIN}/api/v1/live${query}`, { headers: { upgrade: 'websocket', ...credentials } });
    if (!response.webSocket) throw new Error(`no socket: ${response.status} ${await response.text()}`);
    response.webSocket.accept();
    const live = new LiveSocket(response.webSocket);
    await live.next((message) => message.type === 'hello' || message.type === 'resync');
    return live;
  }

  /** Waits for the first message (already received or still to come) that matches. */
  async next<T extends ServerMessage>(match: (message: ServerMessage) => message is T): Promise<T>;
  async next(match: (message: ServerMessage) => boolean): Promise<ServerMessage>;
  async next(match: (message: ServerMessage) => boolean, timeoutMs = 5_000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message; got ${JSON.stringify(this.messages.map((m) => m.type))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, left);
      });
    }
  }

  events() {
    return this.messages.flatMap((message) => (message.type === 'event' ? [message] : []));
  }

  /** Everything the hub sent before now has arrived: a ping's pong comes back behind it on the same socket. */
  async caughtUp(): Promise<void> {
    const pongs = () => this.messages.filter((message) => message.type === 'pong').length;
    const before = pongs();
    this.send({ type: 'ping' });
    await this.next(() => pongs() > before);
  }

  send(message: unknown) {
    this.socket.send(JSON.stringify(message));
  }

  close() {
    this.socket.close(1000, 'test done');
  }
}

export const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));
