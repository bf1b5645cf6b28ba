// The reference's sections, in the order it shows them, each with its introduction. A route names its
// section in its description (describeRoute), so a typo in a section's name does not compile.
export const apiTags = {
  Session: 'Signing in and out of the desk. Integrations use an API token instead and need none of this.',
  Customers: 'My Customers (Basic resellers): search, sort and filter the list, create, change and delete customers.',
  'Customer imports':
    "Import customers from a CSV (UTF-8 with or without BOM, `;` or `,`, Windows-1252 as a fallback), .xlsx or .xls (Excel 97–2003) file: upload, map the columns to fields (remembered for files with the same headers; Partner Center's Customers.csv and client exports of WHMCS, Blesta and FOSSBilling map by themselves), look at the dry run, then import: a job (`customers.import`) checks the rows with live progress for every staff member and then writes all rows in one transaction, or none. Rows match existing customers by Microsoft ID, then number, e-mail or primary domain; new customers without a number get the next free ones, and may lack name, e-mail or address (they are then incomplete) but not all of name, e-mail and domain.",
  Jobs: "Bulk work runs as a background job in the reseller's hub, chunk by chunk, outside the request that started it. Progress arrives live (`job.changed` on `/api/v1/live`); the report lists each item with its outcome and reason.",
  Relationships: 'The reseller relationship of a customer: rights it granted, their acknowledgement, removal, and the customer’s own account.',
  Tags: 'Coloured tags for customers; names are unique per reseller regardless of case.',
  'Saved views':
    'Named views of the customer list (search, filters, sort, visible columns). Private views are seen by their owner only (404 for anyone else, never on the live socket); team views by every staff member, published live when they change. Each person picks one default view.',
  'Custom fields': 'Fields of their own that resellers add to every customer; archived, never deleted.',
  Invitations: 'Invitations to a reseller relationship, for an existing customer or a new one. One open link per customer.',
  'Invitation page': "The customer's side of an invitation link: no sign-in, rate limited per address, single use.",
  Orders: 'Orders from the catalogs. Fulfilling one creates its subscriptions and licences and updates the customer’s revenue and product count.',
  'Subscriptions and licences': 'What a customer holds after fulfilment: subscriptions, licences (assets) and the services they provide.',
  Domains: "A customer's domains; a name is unique per reseller.",
  'Portal users': "The users of a customer's portal; they are deactivated, never deleted.",
  Products: "The four distributor catalogs (read-only) and the reseller's own products.",
  Activity: 'The audit log: every change, with who made it and the data before and after.',
  Live: 'Committed changes of the reseller as they happen, over a WebSocket; integrations may connect with an API token.',
  Staff: "The reseller's staff accounts and their roles. Only an owner grants or changes the owner role; the last owner stays.",
  Settings: "The reseller's own settings: name, who may add customers, the indirect provider and how long invitations stay valid.",
  'API tokens': 'Tokens for integrations. Scopes are permission names and never exceed what their maker may do.',
  Webhooks: 'HTTPS endpoints that receive signed events (`x-desk-signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`), retried with backoff.',
  Reference: 'This description of the API, made from the schemas the routes validate with.',
} as const;

export type ApiTag = keyof typeof apiTags;
