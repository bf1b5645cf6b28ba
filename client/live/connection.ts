import { createSignal } from 'solid-js';
import { type ClientMessage, LIVE_CLOSE_SIGNED_OUT, type LiveEvent, type PresenceEntry, type ServerMessage } from '../../schema/realtime';
import { SESSION_EXPIRED_EVENT } from '../api';
import { liveSocketUrl } from '../api/live';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;
const PING_EVERY_MS = 25_000;
/** No pong within this time: the socket is dead even if the browser has not noticed yet. */
const PONG_TIMEOUT_MS = 10_000;

export interface PresenceSelf {
  viewing: string | null;
  editing: string | null;
}

/**
 * The tab's one socket to its reseller's hub. It remembers the last event number, reconnects with
 * backoff and asks for what it missed; when the hub cannot replay (`resync`), listeners refetch.
 */
export function createLiveConnection() {
  const [state, setState] = createSignal<LiveState>('connecting');
  const [presence, setPresence] = createSignal<PresenceEntry[]>([]);
  const eventListeners = new Set<(event: LiveEvent) => void>();
  const resyncListeners = new Set<() => void>();
  let socket: WebSocket | undefined;
  let lastSeq: number | undefined;
  let attempt = 0;
  let retryTimer: number | undefined;
  let pingTimer: number | undefined;
  let pongTimer: number | undefined;
  let closed = false;
  let self: PresenceSelf = { viewing: null, editing: null };

  const send = (message: ClientMessage) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };

  function resync() {
    for (const listener of resyncListeners) listener();
  }

  function receive(message: ServerMessage) {
    switch (message.type) {
      case 'hello': {
        // A first connection starts at the hub's current number; a reconnect was replayed already.
        lastSeq ??= message.seq;
        setPresence(message.presence);
        setState('live');
        attempt = 0;
        return;
      }
      case 'event':
        if (lastSeq !== undefined && message.seq <= lastSeq) return;
        lastSeq = message.seq;
        for (const listener of eventListeners) listener(message.event);
        return;
      case 'resync':
        lastSeq = message.seq;
        resync();
        return;
      case 'presence':
        setPresence(message.presence);
        return;
      case 'pong':
        window.clearTimeout(pongTimer);
        return;
    }
  }

  function stopTimers() {
    window.clearTimeout(retryTimer);
    window.clearInterval(pingTimer);
    window.clearTimeout(pongTimer);
  }

  function scheduleReconnect() {
    stopTimers();
    if (closed) return;
    if (!navigator.onLine) {
      setState('offline');
      return; // the 'online' event reconnects
    }
    setState('reconnecting');
    // Full jitter, so 200 tabs do not come back in the same millisecond after a hub restart.
    const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
    attempt += 1;
    retryTimer = window.setTimeout(connect, Math.random() * ceiling);
  }

  function connect() {
    stopTimers();
    if (closed) return;
    const current = new WebSocket(liveSocketUrl(lastSeq));
    socket = current;
    current.onopen = () => {
      send({ type: 'presence', ...self });
      pingTimer = window.setInterval(() => {
        send({ type: 'ping' });
        window.clearTimeout(pongTimer);
        pongTimer = window.setTimeout(() => current.close(), PONG_TIMEOUT_MS);
      }, PING_EVERY_MS);
    };
    current.onmessage = (message) => {
      if (socket !== current || typeof message.data !== 'string') return;
      try {
        receive(JSON.parse(message.data) as ServerMessage);
      } catch {
        // A message this version does not understand is skipped, not fatal.
      }
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = undefined;
      setPresence([]);
      if (event.code === LIVE_CLOSE_SIGNED_OUT) {
        // Signed out elsewhere, deactivated or revoked: every reconnect would be refused; go to sign-in now.
        stopTimers();
        setState('offline');
        window.dispatchEvent(new Event(SESSION_EXPIRED_EVENT));
        return;
      }
      scheduleReconnect();
    };
  }

  const online = () => {
    if (closed || socket) return;
    attempt = 0;
    connect();
  };
  const offline = () => {
    setState('offline');
    socket?.close();
  };
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  connect();

  return {
    state,
    /** Everyone of the reseller online right now, with what they view and edit (oneself excluded by the hub). */
    presence,
    onEvent(listener: (event: LiveEvent) => void) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onResync(listener: () => void) {
      resyncListeners.add(listener);
      return () => resyncListeners.delete(listener);
    },
    /** What this tab shows: the hub tells colleagues who is looking at or editing which customer. */
    setPresence(next: Partial<PresenceSelf>) {
      self = { ...self, ...next };
      send({ type: 'presence', ...self });
    },
    close() {
      closed = true;
      stopTimers();
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      socket?.close();
      socket = undefined;
    },
  };
}

export type LiveConnection = ReturnType<typeof createLiveConnection>;
