import { Navigate, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { lazy, Suspense } from 'solid-js';
import { render } from 'solid-js/web';
import { AppShell } from './components/AppShell';
import { LoadingState } from './components/LoadingState';
import { ToastProvider } from './components/Toast';
import { I18nProvider } from './i18n';
import { LiveProvider } from './live/LiveProvider';
import { SessionProvider } from './session';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/shell.css';

// Pages load on demand so the first paint only needs the shell.
const SignInPage = lazy(() => import('./pages/signin/SignInPage'));
const CustomersPage = lazy(() => import('./pages/customers/CustomersPage'));
const CustomerPage = lazy(() => import('./pages/customers/CustomerPage'));
const DuplicatesPage = lazy(() => import('./pages/customers/duplicates/DuplicatesPage'));
const MergePage = lazy(() => import('./pages/customers/merge/MergePage'));
const OrderPage = lazy(() => import('./pages/orders/OrderPage'));
const InvitationsPage = lazy(() => import('./pages/invitations/InvitationsPage'));
const PublicInvitationPage = lazy(() => import('./pages/invitations/PublicInvitationPage'));
const CustomerAccountPage = lazy(() => import('./pages/customers/CustomerAccountPage'));
const ActivityPage = lazy(() => import('./pages/activity/ActivityPage'));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

function SignedInLayout(props: RouteSectionProps) {
  return (
    <SessionProvider>
      <LiveProvider>
        <AppShell>{props.children}</AppShell>
      </LiveProvider>
    </SessionProvider>
  );
}

function Root(props: RouteSectionProps) {
  return (
    <I18nProvider>
      <ToastProvider>
        <Suspense fallback={<LoadingState fullPage />}>{props.children}</Suspense>
      </ToastProvider>
    </I18nProvider>
  );
}

const mount = document.getElementById('app');
if (!mount) throw new Error('index.html lacks the #app element.');

render(
  () => (
    <Router root={Root}>
      <Route path="/signin" component={SignInPage} />
      {/* The customer's answer to an invitation: no session, no shell. */}
      <Route path="/invite/:token" component={PublicInvitationPage} />
      <Route component={SignedInLayout}>
        <Route path="/" component={() => <Navigate href="/customers" />} />
        <Route path="/customers" component={CustomersPage} />
        <Route path="/customers/duplicates" component={DuplicatesPage} />
        <Route path="/customers/merge" component={MergePage} />
        <Route path="/customers/:id" component={CustomerPage} />
        <Route path="/orders/:id" component={OrderPage} />
        <Route path="/customers/:id/account" component={CustomerAccountPage} />
        <Route path="/invitations" component={InvitationsPage} />
        <Route path="/activity" component={ActivityPage} />
        <Route path="/settings" component={SettingsPage} />
        <Route path="*404" component={NotFoundPage} />
      </Route>
    </Router>
  ),
  mount,
);
