/**
 * German, the default UI language, one file per feature; English (`../en`) has exactly these keys.
 * The labels that exported files share with the screen come from `schema/columnLabels`.
 */
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

export const de = {
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

/** The shape every language must fill: the same keys, string leaves. */
export type Dictionary = typeof de;
