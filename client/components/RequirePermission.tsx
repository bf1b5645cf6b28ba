import { Show, type JSX } from 'solid-js';
import type { Permission } from '../../schema/permissions';
import { ApiError } from '../api';
import { useSession } from '../session';
import { ErrorState } from './ErrorState';

/** Renders a page only for staff holding one of the permissions; others see why, not a broken page. */
export function RequirePermission(props: { anyOf: Permission[]; children: JSX.Element }) {
  const session = useSession();
  return (
    <Show when={props.anyOf.some(session.can)} fallback={<ErrorState error={new ApiError(403, 'forbidden', '')} />}>
      {props.children}
    </Show>
  );
}
