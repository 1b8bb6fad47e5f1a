import type { PartnerDeskTransport } from './contract.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload via contextBridge; absent in the browser portal. */
    readonly partnerDesk?: PartnerDeskTransport;
  }
}

export {};
