import * as v from 'valibot';
import { staffCreateInput, staffMember, staffUpdateInput } from '../../../schema/staff';
import { listOperation, type OperationGroup } from '../operation';

const oneStaffMember = v.object({ staff: staffMember });

export const staffOperations: OperationGroup = {
  tag: 'Staff',
  operations: [
    listOperation({ path: '/api/v1/staff', summary: 'List staff members by name', item: staffMember }),
    {
      method: 'post',
      path: '/api/v1/staff',
      summary: 'Add a staff member with an initial password',
      body: staffCreateInput,
      responses: { 201: oneStaffMember },
      errors: { 403: ['owner_only'], 409: ['email_taken'] },
    },
    {
      method: 'patch',
      path: '/api/v1/staff/:id',
      summary: 'Rename, change the role, deactivate or reactivate',
      description: 'Deactivating ends the member’s sessions at once.',
      body: staffUpdateInput,
      responses: { 200: oneStaffMember },
      errors: { 403: ['owner_only'], 409: ['cannot_change_self', 'last_owner'] },
    },
  ],
};
