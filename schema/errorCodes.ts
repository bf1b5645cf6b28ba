/**
 * Every `error.code` the API answers with. The worker's errors take only these (worker/errors.ts), the
 * OpenAPI description lists them per operation, and the client translates them (`errors.<code>`), so a
 * typo or a code without a text is a compile error rather than an English sentence in a German page.
 */
export type ErrorCode =
  // The request itself
  | 'bad_request'
  | 'invalid_json'
  | 'invalid_body'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'csrf_rejected'
  | 'validation_failed'
  | 'invalid_cursor'
  | 'not_found'
  | 'websocket_expected'
  | 'internal_error'
  | 'database_unavailable'
  // Versions and replays
  | 'version_conflict'
  | 'invalid_if_match'
  | 'precondition_failed'
  | 'invalid_idempotency_key'
  | 'idempotency_in_progress'
  | 'idempotency_key_reused'
  // Who may
  | 'unauthenticated'
  | 'invalid_token'
  | 'invalid_credentials'
  | 'credentials_changed'
  | 'choose_reseller'
  | 'sign_in_throttled'
  | 'sign_in_locked'
  | 'rate_limited'
  | 'forbidden'
  | 'module_unavailable'
  | 'owner_only'
  // Staff
  | 'email_taken'
  | 'last_owner'
  | 'cannot_change_self'
  // Customers
  | 'customer_number_taken'
  | 'microsoft_id_taken'
  | 'customer_in_use'
  | 'possible_duplicates'
  | 'customer_archived'
  | 'customer_not_archived'
  | 'customer_incomplete'
  | 'undo_expired'
  | 'relationship_choice_required'
  | 'merge_undo_blocked'
  | 'merge_undo_expired'
  | 'tag_name_taken'
  | 'saved_view_name_taken'
  | 'saved_view_limit'
  // Relationships and invitations
  | 'relationship_active'
  | 'no_relationship'
  | 'no_delegated_admin'
  | 'nothing_to_review'
  | 'invitation_closed'
  | 'invitation_unknown'
  | 'invitation_expired'
  | 'invitation_revoked'
  | 'invitation_used'
  | 'reminder_too_soon'
  // Orders, products, domains, portal users
  | 'invalid_transition'
  | 'subscription_cancelled'
  | 'catalog_read_only'
  | 'sku_taken'
  | 'domain_taken'
  | 'username_taken'
  // Exports, imports and jobs
  | 'xls_too_many_rows'
  | ImportFileErrorCode
  | 'import_changed'
  | 'import_running'
  | 'too_many_customers'
  | 'job_closed'
  | 'job_has_no_file'
  | 'export_not_ready'
  | 'export_expired';

/** Why an uploaded file cannot be read: the 422's code, and the code at its `content` field. */
export const importFileErrorCodes = [
  'not_a_spreadsheet',
  'invalid_xlsx',
  'invalid_xls',
  'xls_encrypted',
  'xls_unsupported_version',
  'xlsx_encrypted',
  'file_too_large',
  'file_too_large_unpacked',
  'too_many_rows',
  'too_many_columns',
  'cell_too_long',
  'csv_unterminated_quote',
  'no_data_rows',
  'empty_file',
] as const;
export type ImportFileErrorCode = (typeof importFileErrorCodes)[number];

/**
 * Every code a field can carry in `error.fields` (422, and 409 on a unique value): what the shared
 * valibot schemas report (checked by schema/schemaCodes.ts), what the worker adds per field, and what
 * the client's own forms show. The client translates each (`errors.field.<code>`).
 */
export type FieldErrorCode =
  // Any field
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'too_small'
  | 'too_large'
  | 'too_many'
  | 'invalid_text'
  | 'invalid_type'
  | 'invalid_value'
  | 'invalid_option'
  | 'invalid_number'
  | 'not_a_number'
  | 'invalid_date'
  | 'date_in_past'
  | 'unknown_field'
  | 'nothing_to_change'
  // Customers and their data
  | 'invalid_email'
  | 'invalid_customer_number'
  | 'invalid_phone'
  | 'invalid_url'
  | 'invalid_domain'
  | 'invalid_microsoft_id'
  | 'invalid_postal_code'
  | 'invalid_country'
  | 'company_or_last_name'
  | 'customer_number_taken'
  | 'microsoft_id_taken'
  | 'email_taken'
  | 'domain_taken'
  | 'username_taken'
  | 'invalid_username'
  | 'password_too_short'
  | 'archived_field'
  | 'same_customer'
  | 'choice_required'
  | 'options_required'
  // Lists, tags and views
  | 'invalid_sort'
  | 'unknown_tag'
  | 'tag_name_taken'
  | 'saved_view_name_taken'
  | 'unknown_view'
  // Orders, products and subscriptions
  | 'lines_required'
  | 'choose_product'
  | 'unknown_product'
  | 'wrong_catalog'
  | 'quantity_too_small'
  | 'below_used_seats'
  | 'invalid_transition'
  | 'invalid_sku'
  | 'sku_taken'
  | 'markup_standard_only'
  | 'unknown_status'
  | 'status_missing'
  | 'status_required'
  | 'kind_fixed'
  | 'duplicate_label'
  | 'duplicate_value'
  // Invitations
  | 'rights_required'
  | 'not_requested'
  | 'no_indirect_provider'
  // Integrations
  | 'private_address'
  | 'https_required'
  | 'scope_not_allowed'
  | 'scopes_required'
  | 'events_required'
  // Bulk jobs and exports
  | 'target_required'
  | 'no_customers'
  | 'too_many_customers'
  | 'xls_too_many_rows'
  // Imports: the file, the mapping and each row
  | ImportFileErrorCode
  | 'invalid_base64'
  | 'mapping_length'
  | 'mapped_twice'
  | 'identifying_column_required'
  | 'duplicate_in_file'
  | 'email_ambiguous'
  | 'domain_ambiguous'
  | 'customer_number_mismatch'
  | 'microsoft_id_mismatch'
  | 'name_email_or_domain_required'
  | 'not_allowed_to_create'
  | 'unknown_relationship'
  | 'unknown_client_status';

/** A form's problems: field path (`lines.0.quantity`, `_` for the whole input) → code. */
export type FieldErrors = Record<string, FieldErrorCode>;
