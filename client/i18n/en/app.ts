/** English texts of the app shell and what every page shares: buttons, navigation, roles, empty and error states; the same keys as the German file (checked by the compiler). */
import type * as german from '../de/app';

export const app = {
  title: 'Customer Desk',
  tagline: 'Customer management for resellers',
} satisfies typeof german.app;

export const common = {
  loading: 'Loading …',
  retry: 'Try again',
  loadMore: 'Load more',
  loadingMore: 'Loading more …',
  cancel: 'Cancel',
  close: 'Close',
  ok: 'OK',
  save: 'Save',
  saving: 'Saving …',
  saved: 'Changes saved.',
  dismiss: 'Dismiss',
  notAvailable: '–',
  edit: 'Edit',
  delete: 'Delete',
  yes: 'Yes',
  no: 'No',
  unsaved: {
    title: 'Unsaved changes',
    text: 'Your changes are not saved yet. If you go on now, they are lost.',
    stay: 'Keep editing',
    leave: 'Discard and go on',
  },
} satisfies typeof german.common;

export const language = {
  label: 'Language',
  de: 'Deutsch',
  en: 'English',
} satisfies typeof german.language;

export const nav = {
  label: 'Main navigation',
  menu: 'Menu',
  skipToContent: 'Skip to content',
  customers: 'My Customers',
  invitations: 'Invitations',
  activity: 'Activity',
  settings: 'Settings',
} satisfies typeof german.nav;

export const shell = {
  signOut: 'Sign out',
  signingOut: 'Signing out …',
  userLabel: 'Signed in as {{ name }} ({{ role }})',
  sessionFailed: 'Your session could not be loaded.',
} satisfies typeof german.shell;

export const roles = {
  owner: 'Owner',
  admin: 'Administrator',
  buyer: 'Buyer',
  support: 'Support',
} satisfies typeof german.roles;

export const partnerTypes = {
  basic: 'Basic reseller',
  standard: 'Standard reseller',
  tenant_simple: 'Tenant reseller (simple)',
  tenant_country: 'Tenant reseller (country)',
} satisfies typeof german.partnerTypes;

export const notFound = {
  title: 'Page not found',
  text: 'This address does not exist. Use the menu to carry on.',
} satisfies typeof german.notFound;

export const states = {
  errorTitle: 'That did not work',
} satisfies typeof german.states;
