/** English, assembled from one file per feature like the German dictionary; the compiler checks each file against its German twin. */
import type { Dictionary } from '../de';
import { activity } from './activity';
import { app, common, language, nav, notFound, partnerTypes, roles, shell, states } from './app';
import { customers } from './customers';
import { customFields } from './customFields';
import { duplicates } from './duplicates';
import { errors } from './errors';
import { exportTexts } from './export';
import { holdings } from './holdings';
import { imports } from './imports';
import { integrations } from './integrations';
import { invitations } from './invitations';
import { invite } from './invite';
import { jobs } from './jobs';
import { live } from './live';
import { merges } from './merges';
import { orderStatuses } from './orderStatuses';
import { orders } from './orders';
import { permissions } from './permissions';
import { products } from './products';
import { rights } from './rights';
import { savedViews } from './savedViews';
import { settings } from './settings';
import { signIn } from './signIn';
import { tags } from './tags';

export const en: Dictionary = {
  app,
  common,
  language,
  nav,
  shell,
  roles,
  partnerTypes,
  signIn,
  live,
  savedViews,
  customers,
  duplicates,
  merges,
  tags,
  customFields,
  rights,
  invitations,
  invite,
  activity,
  settings,
  permissions,
  integrations,
  imports,
  export: exportTexts,
  orders,
  holdings,
  orderStatuses,
  products,
  notFound,
  states,
  jobs,
  errors,
};
