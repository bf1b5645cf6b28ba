import { useLocation } from '@solidjs/router';
import { createEffect, Show } from 'solid-js';
import { ModuleGate } from '../../components/ModuleGate';
import { useSession } from '../../session';
import { CustomerList } from './CustomerList';
import { rememberListQuery } from './moduleGate';

export default function CustomersPage() {
  const session = useSession();
  const location = useLocation();
  createEffect(() => rememberListQuery(location.search));
  return (
    <Show when={session.info().modules.customers} fallback={<ModuleGate />}>
      <CustomerList />
    </Show>
  );
}
