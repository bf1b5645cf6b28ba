import { createContext, createEffect, createMemo, type JSX, onCleanup, onMount, useContext } from 'solid-js';
import type { LiveEvent, PresenceEntry } from '../../schema/realtime';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { createLiveConnection, type LiveConnection } from './connection';
import './live.css';

export interface Live extends LiveConnection {
  /** Colleagues online (this user's own tabs left out). */
  colleagues: () => PresenceEntry[];
}

const LiveContext = createContext<Live>();

/** One socket per signed-in tab, opened with the shell and closed on sign-out. */
export function LiveProvider(props: { children: JSX.Element }) {
  const session = useSession();
  const connection = createLiveConnection();
  const colleagues = createMemo(() => connection.presence().filter((entry) => entry.userId !== session.info().user.id));
  onCleanup(() => connection.close());
  return <LiveContext.Provider value={{ ...connection, colleagues }}>{props.children}</LiveContext.Provider>;
}

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive outside LiveProvider');
  return live;
}

/** Subscribes for the lifetime of the calling component. */
export function onLiveEvent(listener: (event: LiveEvent) => void, onResync?: () => void) {
  const live = useLive();
  onMount(() => {
    const stopEvents = live.onEvent(listener);
    const stopResync = onResync ? live.onResync(onResync) : undefined;
    onCleanup(() => {
      stopEvents();
      stopResync?.();
    });
  });
}

/** Tells colleagues which customer this tab shows (and edits) while the calling component lives. */
export function usePresence(view: () => { viewing: string | null; editing: string | null }) {
  const live = useLive();
  createEffect(() => live.setPresence(view()));
  onCleanup(() => live.setPresence({ viewing: null, editing: null }));
}

export interface ColleagueOnCustomer {
  name: string;
  editing: boolean;
}

/** Colleagues who have this customer open, and whether they are editing it. */
export function colleaguesOn(live: Live, customerId: string): ColleagueOnCustomer[] {
  return live
    .colleagues()
    .filter((entry) => entry.viewing.includes(customerId) || entry.editing.includes(customerId))
    .map((entry) => ({ name: entry.displayName, editing: entry.editing.includes(customerId) }));
}

/** The small live / reconnecting / offline marker in the top bar. */
export function LiveIndicator() {
  const live = useLive();
  const i18n = useI18n();
  const label = () => i18n.t(`live.state.${live.state()}`);
  return (
    <span class="live-indicator" data-state={live.state()} data-testid="live-indicator" role="status" title={i18n.t(`live.hint.${live.state()}`)}>
      <span class="live-dot" aria-hidden="true" />
      <span class="live-label">{label()}</span>
    </span>
  );
}
