// The shapes the API returns that the document names once; each route describes itself (describeRoute).
import { auditEntry } from '../../schema/audit';
import { sessionInfo } from '../../schema/auth';
import { apiErrorBody } from '../../schema/common';
import { customerOutput } from '../../schema/customers';
import { customFieldOutput } from '../../schema/customFields';
import { apiTokenOutput, webhookDeliveryOutput, webhookEndpointOutput } from '../../schema/integrations';
import { invitationOutput, invitationTerms, publicInvitationOutput } from '../../schema/invitations';
import { jobItemOutput, jobOutput } from '../../schema/jobs';
import { orderStatusSettingsOutput } from '../../schema/orderStatuses';
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
import { savedViewOutput } from '../../schema/savedViews';
import { resellerSettings } from '../../schema/settings';
import { staffMember } from '../../schema/staff';
import { tagOutputFull } from '../../schema/tags';

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
