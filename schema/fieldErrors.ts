import * as v from 'valibot';
import type { FieldErrorCode, FieldErrors } from './errorCodes';

/** One valibot issue as the code a form field shows; worker and client map issues alike with it. */
function issueCode(issue: v.BaseIssue<unknown>): FieldErrorCode {
  // Our schemas give codes such as 'invalid_sort' as messages (each a FieldErrorCode: schema/schemaCodes.ts);
  // valibot's own messages are sentences.
  if (issue.kind !== 'schema' || /^[a-z_]+$/.test(issue.message)) return issue.message as FieldErrorCode;
  if (issue.received === 'undefined') return 'required';
  // A key the schema does not know (strict objects expect it `never`): an integration's typo must not be dropped silently.
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown_field';
  return issue.type === 'picklist' ? 'invalid_value' : 'invalid_type';
}

/** `{ field path: code }`, the first issue per field; the client translates the codes. */
export function issuesToFields(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = v.getDotPath(issue) ?? '_';
    fields[key] ??= issueCode(issue);
  }
  return fields;
}
