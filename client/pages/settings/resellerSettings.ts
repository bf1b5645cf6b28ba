import { createResource } from 'solid-js';
import type { ResellerSettings, SettingsUpdateInput } from '../../../schema/settings';
import { ApiError } from '../../api';
import { getSettings, updateSettings } from '../../api/settings';

/** The reseller's settings and their changes; a refusal is thrown to the caller, who says why. */
export function createResellerSettings() {
  const [settings, { mutate, refetch }] = createResource(getSettings);

  /** A conflict's answer carries the stored settings: they are shown from then on. */
  async function update(patch: SettingsUpdateInput): Promise<ResellerSettings> {
    try {
      const saved = await updateSettings(patch);
      mutate(saved);
      return saved;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict' && error.current) mutate(error.current as ResellerSettings);
      throw error;
    }
  }

  /** The checkbox shows the new rule at once and goes back if the server refuses. */
  async function setOnlyOwnerAddsCustomers(current: ResellerSettings, on: boolean) {
    mutate({ ...current, onlyOwnerAddsCustomers: on });
    try {
      await update({ version: current.version, onlyOwnerAddsCustomers: on });
    } catch (error) {
      if (settings.latest?.version === current.version) mutate(current);
      throw error;
    }
  }

  return { settings, refetch, update, setOnlyOwnerAddsCustomers };
}

export type ResellerSettingsStore = ReturnType<typeof createResellerSettings>;
