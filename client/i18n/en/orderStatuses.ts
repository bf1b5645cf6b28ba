/** English texts of the order statuses in the settings; the same keys as the German file (checked by the compiler). */
import type * as german from '../de/orderStatuses';

export const orderStatuses = {
  title: 'Order statuses',
  description:
    'The statuses of your orders in the order of your process. An order only moves forward to a later open status, or is fulfilled or cancelled; “Fulfilled” creates subscriptions and licences.',
  name: 'Name of status {{ position }}',
  kind: 'Kind',
  kinds: {
    open: 'Step',
    fulfilled: 'Fulfilled',
    cancelled: 'Cancelled',
  },
  kindFixed: 'The kind of a saved status cannot be changed.',
  archived: 'Archived',
  moveUp: 'Move status {{ position }} up',
  moveDown: 'Move status {{ position }} down',
  hint: 'Empty name: the standard name in each user’s language. Archived statuses are no longer offered; orders keep them. “New”, “Fulfilled” and “Cancelled” are always needed.',
  add: '+ Add status',
  discard: 'Discard changes',
  saved: 'The order statuses have been saved.',
} satisfies typeof german.orderStatuses;
