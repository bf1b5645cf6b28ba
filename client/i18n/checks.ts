// Type-only: every code the API sends that the client shows through a dictionary key built at run time
// (`errors.${code}`, `activity.actions.${action}`, ...) has its German text, so `npm run typecheck` fails
// naming the keys that are missing. en.ts is typed from German, so English follows.
import type { AuditAction } from '../../schema/auditActions';
import type { ErrorCode, FieldErrorCode, ImportFileErrorCode } from '../../schema/errorCodes';
import type { JobItemReason, JobKind } from '../../schema/jobs';
import type { MergeUndoBlocker } from '../../schema/merges';
import type { TextKey } from './context';

/** Resolves to the keys that are no text; must stay `never`. */
type MissingTexts<Key extends string> = Exclude<Key, TextKey>;
type NoneMissing<T extends never> = T;

/**
 * Codes only integrations meet (a malformed request, a replay header, a protocol detail): the browser
 * never sends such requests, and should one happen the error shows the API's own sentence.
 */
type IntegrationOnlyErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'invalid_body'
  | 'websocket_expected'
  | 'invalid_token'
  | 'invalid_if_match'
  | 'invalid_idempotency_key'
  | 'idempotency_in_progress'
  | 'idempotency_key_reused'
  // The Worker runs such a request again as the current actor; it reaches a client only if that fails too.
  | 'credentials_changed';

export type ErrorsTranslated = NoneMissing<MissingTexts<`errors.${Exclude<ErrorCode, IntegrationOnlyErrorCode>}`>>;
// An unreadable file's code also marks its `content` field; the upload shows it by its error text (`errors.<code>`).
export type FieldErrorsTranslated = NoneMissing<MissingTexts<`errors.field.${Exclude<FieldErrorCode, ImportFileErrorCode>}`>>;
export type AuditActionsLabelled = NoneMissing<MissingTexts<`activity.actions.${AuditAction}`>>;
export type JobKindsNamed = NoneMissing<MissingTexts<`jobs.kinds.${JobKind}`>>;
export type JobItemReasonsExplained = NoneMissing<MissingTexts<`jobs.reasons.${JobItemReason}`>>;
export type MergeUndoBlockersExplained = NoneMissing<MissingTexts<`merges.blockers.${MergeUndoBlocker}`>>;
