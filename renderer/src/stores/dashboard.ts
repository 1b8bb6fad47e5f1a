import { create } from 'zustand';
import type { DashboardSummary } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';

interface DashboardState {
  summary: DashboardSummary | null;
  error: ApiError | null;
  loading: boolean;
  load(): Promise<void>;
  reset(): void;
}

let latest = 0;

export const useDashboard = create<DashboardState>()((set) => ({
  summary: null,
  error: null,
  loading: false,
  async load() {
    const request = ++latest; // bursts of data.changed: only the newest answer is kept
    set({ loading: true });
    try {
      const summary = await api.call('dashboard.summary', {});
      if (request === latest) set({ summary, error: null, loading: false });
    } catch (error) {
      if (request === latest) set({ error: toApiError(error), loading: false });
    }
  },
  reset() {
    latest += 1;
    set({ summary: null, error: null, loading: false });
  },
}));
