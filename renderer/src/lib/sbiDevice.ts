/** Pure helpers about discovered SBI devices (no browser APIs, so unit tests run them in Node). */
import type { Output } from '../contract.ts';

type Discovered = Output<'sbi.discover'>['devices'][number];

/** "Finger / Slap": the discovery's subtypes, else the digital id's. */
export function typeText(d: Pick<Discovered, 'type' | 'subTypes' | 'digitalId'>): string {
  const sub = d.subTypes.length ? d.subTypes.join(', ') : d.digitalId?.deviceSubType;
  return sub ? `${d.type} / ${sub}` : d.type;
}

/**
 * The device's sub-device ids as it reports them; for a device that reports none, the usual ones
 * per subtype (sbi.md §1.9): slap and double iris 1–3 (left, right, both), others 0.
 */
export function subIdsOf(d: Pick<Discovered, 'subTypes' | 'digitalId' | 'deviceSubIds'> | undefined): string[] {
  if (d && d.deviceSubIds.length > 0) return d.deviceSubIds;
  const sub = d?.digitalId?.deviceSubType ?? d?.subTypes[0];
  if (!sub) return ['1'];
  return sub === 'Slap' || sub === 'Double' ? ['1', '2', '3'] : ['0'];
}

/** The query a hardware sub-screen reads its device from. */
export function deviceQuery(port: number, deviceId: string): string {
  return `port=${port}&deviceId=${encodeURIComponent(deviceId)}`;
}

/** `?port=…&deviceId=…` back to a device; a port outside 1–65535 is no device. */
export function parseDeviceQuery(query: URLSearchParams): {
  port: number | null;
  deviceId: string;
} {
  const raw = query.get('port') ?? '';
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  return {
    port: port >= 1 && port <= 65535 ? port : null,
    deviceId: query.get('deviceId')?.trim() ?? '',
  };
}
