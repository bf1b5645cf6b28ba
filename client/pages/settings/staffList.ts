import { createResource } from 'solid-js';
import type { Role } from '../../../schema/permissions';
import type { StaffCreateInput, StaffMember } from '../../../schema/staff';
import { ApiError, readAll } from '../../api';
import { createStaffMember, listStaff, updateStaffMember } from '../../api/staff';

export type StaffChange = { role: Role } | { active: boolean };

/** The reseller's staff and the changes made on the settings page; a refusal is thrown to the caller. */
export function createStaffList() {
  const [staff, { mutate, refetch }] = createResource(() => readAll(listStaff()));
  const replace = (member: StaffMember) => mutate((list) => list?.map((existing) => (existing.id === member.id ? member : existing)));

  /** The row shows the new role or state at once; if the server refuses, it goes back (to a colleague's version after a conflict). */
  async function update(member: StaffMember, change: StaffChange): Promise<StaffMember> {
    replace({ ...member, ...change });
    try {
      const updated = await updateStaffMember(member.id, { version: member.version, ...change });
      replace(updated);
      return updated;
    } catch (error) {
      replace(error instanceof ApiError && error.code === 'version_conflict' && error.current ? (error.current as StaffMember) : member);
      throw error;
    }
  }

  async function create(input: StaffCreateInput): Promise<StaffMember> {
    const member = await createStaffMember(input);
    mutate((list) => [...(list ?? []), member].sort((a, b) => a.displayName.localeCompare(b.displayName)));
    return member;
  }

  return { staff, refetch, update, create };
}
