import { useLocation, useNavigate } from '@solidjs/router';
import { type Accessor, createContext, createSignal, type JSX, Match, onCleanup, onMount, Switch, useContext } from 'solid-js';
import type { SessionInfo } from '../schema/auth';
import type { Permission } from '../schema/permissions';
import { ApiError, SESSION_EXPIRED_EVENT } from './api';
import { getSession, signOut } from './api/session';
import { ErrorState } from './components/ErrorState';
import { LoadingState } from './components/LoadingState';
import { useI18n } from './i18n';

export interface Session {
  info: Accessor<SessionInfo>;
  can: (permission: Permission) => boolean;
  /** Reloads the session, e.g. after a settings change that alters permissions. */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session>();

/** Where sign-in should send the user back to; only paths of this app, never another origin. */
export function safeRedirect(target: string | null | undefined): string {
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith('/\\') || target.startsWith('/signin')) {
    return '/customers';
  }
  return target;
}

/** Loads the session for every page inside the shell; without one the user goes to sign-in. */
export function SessionProvider(props: { children: JSX.Element }) {
  const i18n = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [info, setInfo] = createSignal<SessionInfo>();
  const [error, setError] = createSignal<unknown>();

  const toSignIn = () => {
    const here = location.pathname + location.search;
    navigate(`/signin?redirect=${encodeURIComponent(safeRedirect(here))}`, { replace: true });
  };

  async function load() {
    setError(undefined);
    try {
      setInfo(await getSession());
    } catch (caught) {
      // A 401 fires SESSION_EXPIRED_EVENT, which redirects; anything else is shown with a retry.
      if (!(caught instanceof ApiError && caught.status === 401)) setError(caught);
    }
  }

  onMount(() => {
    window.addEventListener(SESSION_EXPIRED_EVENT, toSignIn);
    onCleanup(() => window.removeEventListener(SESSION_EXPIRED_EVENT, toSignIn));
    void load();
  });

  const session = (current: Accessor<SessionInfo>): Session => ({
    info: current,
    can: (permission) => current().permissions.includes(permission),
    refresh: load,
    signOut: async () => {
      try {
        await signOut();
      } catch {
        // Already signed out or offline: either way the user leaves for the sign-in page.
      }
      setInfo(undefined);
      navigate('/signin', { replace: true });
    },
  });

  return (
    <Switch fallback={<LoadingState fullPage />}>
      <Match when={!info() && error()}>
        <div class="page-center">
          <ErrorState title={i18n.t('shell.sessionFailed')} error={error()} onRetry={load} />
        </div>
      </Match>
      <Match when={info()}>{(current) => <SessionContext.Provider value={session(current)}>{props.children}</SessionContext.Provider>}</Match>
    </Switch>
  );
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession must be used inside <SessionProvider>.');
  return context;
}
