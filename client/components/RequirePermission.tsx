import { type JSX, Show } from 'solid-js';
import { customerModulePermissions, type Permission } from '../../schema/permissions';
import { ApiError } from '../api';
import { useSession } from '../session';
import { ErrorState } from './ErrorState';
import { ModuleGate } from './ModuleGate';

/**
 * Renders a page only for staff holding one of the permissions; others see why, not a broken page:
 * the module explanation where the page belongs to the My Customers module the reseller lacks.
 */
export function RequirePermission(props: { anyOf: Permission[]; children: JSX.Element }) {
  const session = useSession();
  const moduleMissing = () => !session.info().modules.customers && props.anyOf.every((permission) => customerModulePermissions.includes(permission));
  return (
    <Show when={props.anyOf.some(session.can)} fallback={moduleMissing() ? <ModuleGate /> : <ErrorState error={new ApiError(403, 'forbidden', '')} page />}>
      {props.children}
    </Show>
  );
}
