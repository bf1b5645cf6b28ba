import { A, useLocation } from '@solidjs/router';
import { createEffect, createSignal, For, type JSX, on, Show, Suspense } from 'solid-js';
import type { Permission } from '../../schema/permissions';
import { type TextKey, useI18n } from '../i18n';
import { LiveIndicator, useLive } from '../live/LiveProvider';
import { useInvitationNotices } from '../pages/invitations/notices';
import { JobTray } from '../pages/jobs/JobTray';
import { useSession } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { LoadingState } from './LoadingState';

interface NavItem {
  href: string;
  label: TextKey;
  /** Shown when the user holds any of these; empty means always (the customers page explains its own gate). */
  anyOf: Permission[];
}

const navItems: NavItem[] = [
  { href: '/customers', label: 'nav.customers', anyOf: [] },
  { href: '/invitations', label: 'nav.invitations', anyOf: ['invitations.manage'] },
  { href: '/activity', label: 'nav.activity', anyOf: ['audit.read'] },
  // Buyers (customers.write) reach Settings for the tags section alone.
  { href: '/settings', label: 'nav.settings', anyOf: ['staff.manage', 'settings.manage', 'customers.write'] },
];

/** How many colleagues are online; their names in the tooltip and for screen readers. */
function OnlineColleagues() {
  const i18n = useI18n();
  const live = useLive();
  const names = () =>
    live
      .colleagues()
      .map((entry) => entry.displayName)
      .join(', ');
  return (
    <Show when={live.colleagues().length > 0}>
      <span class="online-colleagues" data-testid="online-colleagues" title={i18n.t('live.onlineList', { names: names() })}>
        {i18n.plural({ one: 'live.online.one', other: 'live.online.other' }, live.colleagues().length)}
        <span class="visually-hidden">: {names()}</span>
      </span>
    </Show>
  );
}

/** Sidebar, top bar and the page; on narrow screens the sidebar folds into a menu under the top bar. */
export function AppShell(props: { children?: JSX.Element }) {
  const i18n = useI18n();
  const session = useSession();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = createSignal(false);
  const [signingOut, setSigningOut] = createSignal(false);
  useInvitationNotices();

  const visibleItems = () => navItems.filter((item) => item.anyOf.length === 0 || item.anyOf.some(session.can));
  createEffect(
    on(
      () => location.pathname,
      () => setMenuOpen(false),
      { defer: true },
    ),
  );

  const signOut = async () => {
    setSigningOut(true);
    await session.signOut();
    setSigningOut(false);
  };

  return (
    <div class="shell" classList={{ 'menu-open': menuOpen() }}>
      {/* The router takes over same-page links and would only scroll: move focus as a fragment link should. */}
      {/* biome-ignore lint/a11y/useValidAnchor: a real fragment link (works without script); the handler only moves focus as well. */}
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {i18n.t('nav.skipToContent')}
      </a>
      <header class="topbar">
        <button type="button" class="btn btn-ghost menu-toggle" aria-expanded={menuOpen()} aria-controls="app-nav" onClick={() => setMenuOpen((open) => !open)}>
          <span class="menu-icon" aria-hidden="true" />
          {i18n.t('nav.menu')}
        </button>
        <div class="brand">
          <span class="brand-product">{i18n.t('app.title')}</span>
          <span class="brand-reseller">{session.info().reseller.name}</span>
        </div>
        <div class="topbar-end">
          <LiveIndicator />
          <OnlineColleagues />
          <LanguageSwitch />
          <div
            class="user-menu"
            data-testid="user-menu"
            title={i18n.t('shell.userLabel', { name: session.info().user.displayName, role: i18n.t(`roles.${session.info().user.role}`) })}
          >
            <span class="user-name">{session.info().user.displayName}</span>
            <span class="user-role">{i18n.t(`roles.${session.info().user.role}`)}</span>
          </div>
          <button type="button" class="btn btn-secondary" data-testid="signout" disabled={signingOut()} onClick={signOut}>
            {signingOut() ? i18n.t('shell.signingOut') : i18n.t('shell.signOut')}
          </button>
        </div>
      </header>
      <nav class="sidebar" id="app-nav" aria-label={i18n.t('nav.label')} data-testid="nav">
        <ul class="nav-list">
          <For each={visibleItems()}>
            {(item) => (
              <li>
                <A href={item.href} class="nav-link" activeClass="nav-link-active">
                  {i18n.t(item.label)}
                </A>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <main class="main" id="main" tabindex="-1">
        {/* Pages are lazy chunks: show progress while one loads instead of an empty area. */}
        <Suspense fallback={<LoadingState />}>{props.children}</Suspense>
      </main>
      {/* Bulk jobs of the reseller, live for every colleague who sees customers. */}
      <Show when={session.can('customers.read')}>
        <JobTray />
      </Show>
    </div>
  );
}
