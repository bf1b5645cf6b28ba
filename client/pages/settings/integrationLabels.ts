import { webhookEventTypes } from '../../../schema/integrations';
import { type Permission, permissions } from '../../../schema/permissions';
import type { I18n } from '../../i18n';

export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Checkboxes under one heading, e.g. all customer permissions. */
export interface ChoiceGroup<V extends string> {
  id: string;
  label: string;
  options: readonly V[];
}

// Records over the whole union: a new permission or event type fails to compile until it has a group.
const permissionGroup: Record<Permission, 'customers' | 'orders' | 'partnership' | 'administration'> = {
  'customers.read': 'customers',
  'customers.create': 'customers',
  'customers.write': 'customers',
  'customers.delete': 'customers',
  'customers.export': 'customers',
  'orders.write': 'orders',
  'invitations.manage': 'partnership',
  'relationships.remove': 'partnership',
  'customer_account.access': 'partnership',
  'staff.manage': 'administration',
  'settings.manage': 'administration',
  'audit.read': 'administration',
  'api_tokens.manage': 'administration',
};

const eventGroup: Record<WebhookEventType, 'customers' | 'orders' | 'partnership'> = {
  'customer.created': 'customers',
  'customer.updated': 'customers',
  'customer.deleted': 'customers',
  'customer.archived': 'customers',
  'customer.unarchived': 'customers',
  'customer.restored': 'customers',
  'customer.merged': 'customers',
  'customer.merge_undone': 'customers',
  'order.changed': 'orders',
  'invitation.accepted': 'partnership',
  'invitation.declined': 'partnership',
  'relationship.removed': 'partnership',
};

function grouped<V extends string, G extends string>(values: readonly V[], groupOf: Record<V, G>, label: (group: G) => string): ChoiceGroup<V>[] {
  const ids = [...new Set(values.map((value) => groupOf[value]))];
  return ids.map((id) => ({ id, label: label(id), options: values.filter((value) => groupOf[value] === id) }));
}

/** The permissions `offered` (those the user holds), in the order of the permission list. */
export const permissionGroups = (i18n: I18n, offered: readonly Permission[]) =>
  grouped(
    permissions.filter((permission) => offered.includes(permission)),
    permissionGroup,
    (group) => i18n.t(`permissions.groups.${group}`),
  );

export const eventGroups = (i18n: I18n) => grouped(webhookEventTypes, eventGroup, (group) => i18n.t(`integrations.webhooks.eventGroups.${group}`));

// Stored rows may name a scope or event this client does not know yet: then the code itself is shown.
export const permissionLabel = (i18n: I18n, scope: string) => i18n.tryT(`permissions.${scope}`) ?? scope;
export const eventLabel = (i18n: I18n, kind: string) => i18n.tryT(`integrations.webhooks.events.${kind}`) ?? kind;

/** Scopes and events in their list order, whatever order a row holds them in. */
export const inListOrder = <V extends string>(list: readonly V[], chosen: readonly string[]): V[] => list.filter((value) => chosen.includes(value));
