import { create } from 'zustand';
import { useSession } from './session.ts';

/** Where pre-filled values came from, said on the form so the user knows why fields are filled. */
export interface PrefillSource {
  port: number;
  deviceId: string;
}

export interface SbiPrefillValues {
  partnerId: string;
  sbiVersion: string;
  source: PrefillSource;
}

export interface DevicePrefillRow {
  deviceTypeCode: string;
  deviceSubTypeCode: string;
  make: string;
  model: string;
}

interface PrefillState {
  sbi: SbiPrefillValues | null;
  devices: { rows: DevicePrefillRow[]; source: PrefillSource } | null;
  setSbi(values: SbiPrefillValues): void;
  setDevices(rows: DevicePrefillRow[], source: PrefillSource): void;
  reset(): void;
}

/**
 * Values read from a device for Add SBI / Add Devices. The forms use them only when opened with
 * `?prefill=1` (from the onboarding view), so a later plain visit starts empty; back/forward to
 * the pre-filled address shows them again.
 */
export const usePrefill = create<PrefillState>()((set) => ({
  sbi: null,
  devices: null,
  setSbi: (sbi) => set({ sbi }),
  setDevices: (rows, source) => set({ devices: { rows, source } }),
  reset: () => set({ sbi: null, devices: null }),
}));

useSession.subscribe((state, previous) => {
  if (previous.token && !state.token) usePrefill.getState().reset();
});
