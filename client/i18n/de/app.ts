/** German texts of the app shell and what every page shares: buttons, navigation, roles, empty and error states. */

export const app = {
  title: 'Kundendesk',
  tagline: 'Kundenverwaltung für Reseller',
};

export const common = {
  loading: 'Wird geladen …',
  retry: 'Erneut versuchen',
  loadMore: 'Mehr laden',
  loadingMore: 'Weitere werden geladen …',
  cancel: 'Abbrechen',
  close: 'Schließen',
  ok: 'OK',
  save: 'Speichern',
  saving: 'Wird gespeichert …',
  saved: 'Änderungen gespeichert.',
  dismiss: 'Ausblenden',
  notAvailable: '–',
  edit: 'Bearbeiten',
  delete: 'Löschen',
  yes: 'Ja',
  no: 'Nein',
  unsaved: {
    title: 'Ungespeicherte Änderungen',
    text: 'Ihre Änderungen sind noch nicht gespeichert. Wenn Sie jetzt weitergehen, gehen sie verloren.',
    stay: 'Weiter bearbeiten',
    leave: 'Verwerfen und weiter',
  },
};

export const language = {
  label: 'Sprache',
  de: 'Deutsch',
  en: 'English',
};

export const nav = {
  label: 'Hauptnavigation',
  menu: 'Menü',
  skipToContent: 'Zum Inhalt springen',
  customers: 'Meine Kunden',
  invitations: 'Einladungen',
  activity: 'Aktivität',
  settings: 'Einstellungen',
};

export const shell = {
  signOut: 'Abmelden',
  signingOut: 'Abmeldung läuft …',
  userLabel: 'Angemeldet als {{ name }} ({{ role }})',
  sessionFailed: 'Ihre Sitzung konnte nicht geladen werden.',
};

export const roles = {
  owner: 'Inhaber',
  admin: 'Administrator',
  buyer: 'Einkäufer',
  support: 'Support',
};

export const partnerTypes = {
  basic: 'Basic-Reseller',
  standard: 'Standard-Reseller',
  tenant_simple: 'Tenant-Reseller (einfach)',
  tenant_country: 'Tenant-Reseller (Land)',
};

export const notFound = {
  title: 'Seite nicht gefunden',
  text: 'Diese Adresse gibt es nicht. Nutzen Sie das Menü, um weiterzuarbeiten.',
};

export const states = {
  errorTitle: 'Das hat nicht geklappt',
};
