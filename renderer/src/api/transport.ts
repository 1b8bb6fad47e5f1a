import type { PartnerDeskTransport } from '../contract.ts';
import { createWebTransport } from './webTransport.ts';

/** Electron's preload bridge when present, otherwise the browser-portal transport. */
export function createTransport(): PartnerDeskTransport {
  return window.partnerDesk ?? createWebTransport();
}
