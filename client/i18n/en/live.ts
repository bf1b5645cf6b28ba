/** English texts of the live connection, colleagues online and change notes; the same keys as the German file (checked by the compiler). */
import type * as german from '../de/live';

export const live = {
  state: {
    connecting: 'Connecting …',
    live: 'Live',
    reconnecting: 'Reconnecting …',
    offline: 'Offline',
  },
  hint: {
    connecting: 'The live connection is being established.',
    live: 'Changes made by colleagues appear immediately.',
    reconnecting: 'Connection lost. Reconnecting automatically; missed changes will be loaded.',
    offline: 'No internet connection. The app reconnects as soon as it is back.',
  },
  online: {
    one: '{{ count }} colleague online',
    other: '{{ count }} colleagues online',
  },
  onlineList: 'Online now: {{ names }}',
  viewing: '{{ name }} is looking at this customer',
  editing: '{{ name }} is editing this customer',
  rowViewing: 'Open by {{ names }}',
  changedBy: 'Just changed by {{ name }}',
  deletedBy: 'This customer has just been deleted by {{ name }}.',
  merged: 'A colleague changed this customer in the meantime. Your changes were merged with theirs and saved.',
  rebased: '{{ name }} has just changed these details; they were updated here and your input is kept.',
  announce: {
    created: '{{ person }} created the customer “{{ name }}”.',
    updated: '{{ person }} changed the customer “{{ name }}”.',
    deleted: '{{ person }} deleted a customer.',
    archived: '{{ person }} archived the customer “{{ name }}”.',
    unarchived: '{{ person }} restored the customer “{{ name }}” from the archive.',
    restored: '{{ person }} undid the delete of the customer “{{ name }}”.',
  },
} satisfies typeof german.live;
