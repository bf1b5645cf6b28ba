import type { StaffCreateInput, StaffMember, StaffUpdateInput } from '../../schema/staff';
import { apiPath, http, type PagedQuery, pagedQuery } from './http';

type OneMember = { staff: StaffMember };

export const listStaff = (): PagedQuery<StaffMember> => pagedQuery(apiPath('staff'));

export const createStaffMember = (input: StaffCreateInput) => http.post<OneMember>(apiPath('staff'), input).then((body) => body.staff);

/** A new role, or `active` to deactivate and reactivate. */
export const updateStaffMember = (id: string, patch: StaffUpdateInput) => http.patch<OneMember>(apiPath('staff', id), patch).then((body) => body.staff);
