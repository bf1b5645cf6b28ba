/** English texts of the activity log; the same keys as the German file (checked by the compiler). */
import { enColumnLabels as labels } from '../../../schema/columnLabels/en';
import type * as german from '../de/activity';

export const activity = {
  title: 'Activity',
  description: 'Who changed what and when – the log of your reseller account.',
  tableCaption: 'Activity log',
  columns: labels.activity.columns,
  actions: labels.activity.actions,
  entityTypes: labels.activity.entityTypes,
  fieldNames: {
    displayName: 'Name',
    role: 'Role',
    active: 'Active',
    locale: 'Language',
    name: 'Name',
    color: 'Colour',
    label: 'Label',
    options: 'Choices',
    required: 'Required field',
    position: 'Order',
    archived: 'Archived',
    onlyOwnerAddsCustomers: 'Only the owner adds customers',
    customFields: 'Additional information',
    relationshipState: 'Relationship',
    grantedRights: 'Granted rights',
    rightsToReview: 'Rights to review',
    indirectProvider: 'Indirect provider',
    invitationDays: 'Invitation validity (days)',
  },
  filters: {
    label: 'Filter activity',
    user: 'Staff member',
    allUsers: 'All',
    action: 'Action',
    allActions: 'All actions',
    from: 'From',
    to: 'To',
    customerChip: 'Customer: {{ name }}',
    removeCustomer: 'Remove customer filter',
  },
  empty: {
    title: 'No activity yet',
    text: 'Changes to staff, settings and customers are logged here.',
  },
  noMatch: {
    title: 'No matching entries',
    text: 'There is no activity for these filters. Widen the date range or reset the filters.',
  },
} satisfies typeof german.activity;
