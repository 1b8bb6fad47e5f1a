import { create } from 'zustand';
import type { Input, Output } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';
import { useSession } from './session.ts';

export type UsbList = Output<'hardware.usb.list'>;
export type Discovery = Output<'sbi.discover'>;
export type DiscoveredSbi = Discovery['devices'][number];
export type FtmChipView = Output<'hardware.ftm.chips'>['chips'][number];
export type VirtualState = Output<'virtualSbi.state'>;
export type VirtualControl = Input<'virtualSbi.control'>;

/** One thing read from the machine: the last answer, the last refusal, and whether a read runs. */
export interface Reading<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}
const idle = <T>(): Reading<T> => ({ data: null, error: null, loading: false });

type Key = 'usb' | 'sbi' | 'chips';

interface HardwareState {
  usb: Reading<UsbList>;
  sbi: Reading<Discovery>;
  chips: Reading<FtmChipView[]>;
  loadUsb(): Promise<void>;
  /** refresh: scan the ports again instead of the core's last scan. */
  loadSbi(refresh?: boolean): Promise<void>;
  loadChips(): Promise<void>;
  reset(): void;
}

/** What the hardware screen lists; each list keeps only its newest answer (hotplug can reorder calls). */
export const useHardware = create<HardwareState>()((set) => {
  const latest: Record<Key, number> = { usb: 0, sbi: 0, chips: 0 };
  async function read<K extends Key>(key: K, call: () => Promise<HardwareState[K]['data']>) {
    const request = ++latest[key];
    set((s) => ({ [key]: { ...s[key], loading: true } }) as Pick<HardwareState, K>);
    try {
      const data = await call();
      if (request === latest[key]) set({ [key]: { data, error: null, loading: false } } as Pick<HardwareState, K>);
    } catch (e) {
      if (request === latest[key])
        set((s) => ({ [key]: { ...s[key], error: toApiError(e), loading: false } }) as Pick<HardwareState, K>);
    }
  }
  return {
    usb: idle(),
    sbi: idle(),
    chips: idle(),
    loadUsb: () => read('usb', () => api.call('hardware.usb.list', {})),
    loadSbi: (refresh = false) => read('sbi', () => api.call('sbi.discover', { refresh })),
    loadChips: () => read('chips', async () => (await api.call('hardware.ftm.chips', {})).chips),
    reset: () => {
      for (const key of Object.keys(latest) as Key[]) latest[key]++;
      set({ usb: idle(), sbi: idle(), chips: idle() });
    },
  };
});

interface VirtualSbiStore extends Reading<VirtualState> {
  /** The control being applied, e.g. 'start' or 'status:FP-1' (buttons show it as busy). */
  pending: string | null;
  load(): Promise<void>;
  control(input: VirtualControl, pendingKey?: string): Promise<boolean>;
  /** null when refused; the error says why (PD_TRUST_001: the admin has to confirm first). */
  trustRoots(confirmTestRoots?: boolean): Promise<Output<'virtualSbi.trustRoots'> | null>;
  reset(): void;
}

/** The virtual SBI: every control answers the new state, which replaces the old one. */
export const useVirtualSbi = create<VirtualSbiStore>()((set, get) => ({
  ...idle<VirtualState>(),
  pending: null,
  async load() {
    set({ loading: true });
    try {
      set({ data: await api.call('virtualSbi.state', {}), error: null, loading: false });
    } catch (e) {
      set({ error: toApiError(e), loading: false });
    }
  },
  async control(input, pendingKey = input.action) {
    set({ pending: pendingKey, error: null });
    try {
      set({ data: await api.call('virtualSbi.control', input), pending: null });
      return true;
    } catch (e) {
      set({ error: toApiError(e), pending: null });
      return false;
    }
  },
  async trustRoots(confirmTestRoots = false) {
    set({ pending: 'trustRoots', error: null });
    try {
      const result = await api.call('virtualSbi.trustRoots', confirmTestRoots ? { confirmTestRoots } : {});
      set({ pending: null });
      void get().load();
      return result;
    } catch (e) {
      set({ error: toApiError(e), pending: null });
      return null;
    }
  },
  reset: () => set({ ...idle<VirtualState>(), pending: null }),
}));

// What one user's machine showed is not the next user's business.
useSession.subscribe((state, previous) => {
  if (previous.token && !state.token) {
    useHardware.getState().reset();
    useVirtualSbi.getState().reset();
  }
});
