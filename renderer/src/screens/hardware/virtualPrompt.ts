import { VirtualDeviceStatus, type EventPayload } from '../../contract.ts';
import { useVirtualSbi, type VirtualControl } from '../../stores/hardware.ts';

type PromptAction = NonNullable<EventPayload<'task.progress'>['promptAction']>;
type VirtualStatus = ReturnType<typeof VirtualDeviceStatus.parse>;
// The prompt's status is free text on the wire; only the virtual device's own states can be set.
const isVirtualStatus = (s: string | null): s is VirtualStatus => VirtualDeviceStatus.safeParse(s).success;

/** The capture delay before a "present nothing" prompt, put back by the prompt that ends it. */
let delayBefore: number | null = null;

/**
 * The controls of the virtual SBI that carry out a bench prompt, as its "act for me" mode does:
 * a status, a key rotation, or "present nothing" as a capture delay as long as the timeout.
 */
export function virtualControlsFor(a: PromptAction): VirtualControl[] {
  if (a.kind === 'set-status')
    return isVirtualStatus(a.status) ? [{ action: 'status', deviceId: a.deviceId, status: a.status }] : [];
  if (a.kind === 'rotate-keys') return [{ action: 'rotateKeys', deviceId: a.deviceId }];
  if (a.kind === 'withhold-input') return [{ action: 'delay', delayMs: Math.min(a.timeoutMs ?? 0, 60_000) }];
  if (isVirtualStatus(a.status)) return [{ action: 'status', deviceId: a.deviceId, status: a.status }];
  return [{ action: 'delay', delayMs: delayBefore ?? 0 }];
}

/** Applies them on the virtual SBI; false when one was refused (the store keeps the error). */
export async function actOnVirtualDevice(a: PromptAction): Promise<boolean> {
  const store = useVirtualSbi.getState();
  if (a.kind === 'withhold-input') delayBefore ??= store.data?.delayMs ?? 0;
  for (const control of virtualControlsFor(a)) if (!(await store.control(control))) return false;
  if (a.kind === 'restore' && !isVirtualStatus(a.status)) delayBefore = null;
  return true;
}
