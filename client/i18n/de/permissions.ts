/** German texts of the role matrix in the settings. */

export const permissions = {
  groups: {
    customers: 'Kunden',
    orders: 'Bestellungen',
    partnership: 'Einladungen und Beziehungen',
    administration: 'Verwaltung',
  },
  customers: {
    read: 'Kunden ansehen',
    create: 'Kunden anlegen',
    write: 'Kunden bearbeiten',
    delete: 'Kunden löschen',
    export: 'Kundenliste exportieren',
  },
  orders: {
    write: 'Bestellungen aufgeben und ändern',
  },
  invitations: {
    manage: 'Einladungen verwalten',
  },
  relationships: {
    remove: 'Beziehungen entfernen',
  },
  customer_account: {
    access: 'Kundenkonten öffnen',
  },
  staff: {
    manage: 'Mitarbeiter verwalten',
  },
  settings: {
    manage: 'Einstellungen verwalten',
  },
  audit: {
    read: 'Aktivitätsprotokoll lesen',
  },
  api_tokens: {
    manage: 'API-Tokens und Webhooks verwalten',
  },
};
