// Every D1 table, one module per area (schema/tables/); drizzle-kit reads them all through this file.
export * from './tables/accounts';
export * from './tables/customers';
export * from './tables/imports';
export * from './tables/integrations';
export * from './tables/invitations';
export * from './tables/jobs';
export * from './tables/merges';
export * from './tables/orders';
export * from './tables/savedViews';
export * from './tables/writePath';
