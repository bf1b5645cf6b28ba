import * as v from 'valibot';

/** First issue per field as a code, the same mapping the worker uses, so form and API speak alike. */
export function issuesToFields(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = v.getDotPath(issue) ?? '_';
    if (fields[key]) continue;
    if (issue.kind !== 'schema') fields[key] = issue.message;
    else if (issue.received === 'undefined') fields[key] = 'required';
    else fields[key] = issue.type === 'picklist' ? 'invalid_value' : 'invalid_type';
  }
  return fields;
}
