import { describe, expect, it } from 'vitest';
import { auditActions } from '../schema/auditActions';

// That the Worker writes only these actions (AuditEntry.action) and that each has a label in the
// Activity filter (client/i18n/checks.ts) is checked by the compiler.
describe('activity log actions', () => {
  it('lists each action once', () => {
    expect(new Set(auditActions).size).toBe(auditActions.length);
  });
});
