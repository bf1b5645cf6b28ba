/** German texts of the reseller's own products. */

export const products = {
  title: 'Eigene Produkte',
  description:
    'Ihre eigenen Produkte (z. B. Webhosting) im Katalog „Eigene Produkte“. Sie lassen sich wie Distributorprodukte bestellen; archivierte Produkte können nicht mehr bestellt werden.',
  add: 'Produkt hinzufügen',
  addTitle: 'Eigenes Produkt hinzufügen',
  editTitle: 'Eigenes Produkt bearbeiten',
  dialogDescription: 'Preise sind Nettopreise in der Währung Ihres Reseller-Kontos.',
  columns: {
    sku: 'Artikelnummer',
    name: 'Name',
    billing: 'Abrechnung',
    price: 'Preis (netto)',
    serviceName: 'Dienst',
    createsLicence: 'Lizenz',
    status: 'Status',
  },
  skuHint: 'Buchstaben, Ziffern und . _ -; eindeutig in Ihrem Katalog.',
  priceLabel: 'Preis (netto)',
  priceHint: 'Je Abrechnungszeitraum, z. B. 9,90.',
  serviceHint: 'Der Dienst, den ein aktives Abonnement bereitstellt, z. B. „Webhosting“. Leer lassen, wenn keiner.',
  createsLicenceLabel: 'Ausführung legt eine Lizenz an',
  createsLicenceHint: 'Mit einem Platz je bestellter Einheit und einem Lizenzschlüssel.',
  status: {
    active: 'Aktiv',
    archived: 'Archiviert',
  },
  archive: 'Archivieren',
  restore: 'Wiederherstellen',
  created: 'Produkt „{{ name }}“ wurde angelegt.',
  updated: 'Produkt „{{ name }}“ wurde geändert.',
  archived: 'Produkt „{{ name }}“ wurde archiviert und kann nicht mehr bestellt werden.',
  restored: 'Produkt „{{ name }}“ kann wieder bestellt werden.',
  empty: {
    title: 'Noch keine eigenen Produkte',
    text: 'Legen Sie eigene Produkte an, z. B. Webhosting oder Supportpakete, um sie Ihren Kunden zu bestellen.',
  },
};
