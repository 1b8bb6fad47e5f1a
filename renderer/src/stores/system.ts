import { create } from 'zustand';
import type { SystemInfo } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';

interface SystemState {
  info: SystemInfo | null;
  error: ApiError | null;
  load(): Promise<void>;
  /** First-run setup finished: stop routing to #/setup without another round trip. */
  markSetupDone(): void;
}

export const useSystem = create<SystemState>()((set, get) => ({
  info: null,
  error: null,
  async load() {
    set({ error: null });
    try {
      set({ info: await api.call('system.info', {}) });
    } catch (error) {
      set({ error: toApiError(error) });
    }
  },
  markSetupDone() {
    const info = get().info;
    if (info) set({ info: { ...info, setupRequired: false } });
  },
}));
