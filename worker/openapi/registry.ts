// Every route of the API with its schemas, one table per route module (worker/routes/<module>.ts).
// test/openapi.test.ts fails when a route is missing here or a documented one no longer exists.
import { auditEntry } from '../../schema/audit';
import { sessionInfo } from '../../schema/auth';
import { apiErrorBody } from '../../schema/common';
import { customerOutput } from '../../schema/customers';
import { customFieldOutput } from '../../schema/customFields';
import { apiTokenOutput, webhookDeliveryOutput, webhookEndpointOutput } from '../../schema/integrations';
import { invitationOutput, invitationTerms, publicInvitationOutput } from '../../schema/invitations';
import {
  assetOutput,
  customerAccountOutput,
  domainOutput,
  orderHistoryEntry,
  orderLineOutput,
  orderOutput,
  portalUserOutput,
  productOutput,
  serviceOutput,
  subscriptionOutput,
} from '../../schema/orders';
import { orderStatusSettingsOutput } from '../../schema/orderStatuses';
import { resellerSettings } from '../../schema/settings';
import { staffMember } from '../../schema/staff';
import { savedViewOutput } from '../../schema/savedViews';
import { tagOutputFull } from '../../schema/tags';
import type { OperationGroup } from './operation';
import { apiTokenOperations } from './operations/apiTokens';
import { auditOperations } from './operations/audit';
import { customerExportOperations } from './operations/customerExport';
import { customerArchiveOperations } from './operations/customerArchive';
import { customerImportOperations } from './operations/customerImports';
import { customerOperations } from './operations/customers';
import { customerTagOperations } from './operations/customerTags';
import { customFieldOperations } from './operations/customFields';
import { domainOperations } from './operations/domains';
import { invitationOperations } from './operations/invitations';
import { liveOperations } from './operations/live';
import { orderOperations } from './operations/orders';
import { orderStatusOperations } from './operations/orderStatuses';
import { portalUserOperations } from './operations/portalUsers';
import { productOperations } from './operations/products';
import { publicInvitationOperations } from './operations/publicInvitations';
import { referenceOperations } from './operations/reference';
import { relationshipOperations } from './operations/relationships';
import { sessionOperations } from './operations/session';
import { settingsOperations } from './operations/settings';
import { staffOperations } from './operations/staff';
import { subscriptionOperations } from './operations/subscriptions';
import { webhookOperations } from './operations/webhooks';
import { jobOperations } from './operations/jobs';
import { jobItemOutput, jobOutput } from '../../schema/jobs';

/** In the order the reference shows them; groups that share a tag are shown as one. */
export const operationGroups: OperationGroup[] = [
  sessionOperations,
  customerOperations,
  customerArchiveOperations,
  customerTagOperations,
  customerExportOperations,
  customerImportOperations,
  jobOperations,
  relationshipOperations,
  customFieldOperations,
  invitationOperations,
  publicInvitationOperations,
  orderOperations,
  orderStatusOperations,
  subscriptionOperations,
  domainOperations,
  portalUserOperations,
  productOperations,
  auditOperations,
  liveOperations,
  staffOperations,
  settingsOperations,
  apiTokenOperations,
  webhookOperations,
  referenceOperations,
];

/** The shapes the API returns, named once in `components.schemas` and referenced wherever they appear. */
export const namedSchemas = {
  ApiError: apiErrorBody,
  SessionInfo: sessionInfo,
  Customer: customerOutput,
  Tag: tagOutputFull,
  SavedView: savedViewOutput,
  CustomField: customFieldOutput,
  Invitation: invitationOutput,
  InvitationTerms: invitationTerms,
  PublicInvitation: publicInvitationOutput,
  Product: productOutput,
  Order: orderOutput,
  OrderLine: orderLineOutput,
  OrderHistoryEntry: orderHistoryEntry,
  OrderStatusSettings: orderStatusSettingsOutput,
  Subscription: subscriptionOutput,
  Asset: assetOutput,
  Service: serviceOutput,
  Domain: domainOutput,
  PortalUser: portalUserOutput,
  CustomerAccount: customerAccountOutput,
  AuditEntry: auditEntry,
  StaffMember: staffMember,
  ResellerSettings: resellerSettings,
  ApiToken: apiTokenOutput,
  WebhookEndpoint: webhookEndpointOutput,
  WebhookDelivery: webhookDeliveryOutput,
  Job: jobOutput,
  JobItem: jobItemOutput,
};
