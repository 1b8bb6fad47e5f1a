/**
 * The bench's side of the virtual SBI's admin API (native/virtual/sbi/admin.ts, JSON over the
 * device's own port): detecting that the target is a virtual device, and answering the bench's
 * prompts by driving it, so a headless run covers the cases where a tester must act. Answers are
 * untrusted like any device output and parsed with zod.
 */
import { z } from 'zod';
import { SbiClient } from '../client/sbi-client.ts';
import { isSbiError } from '../../../lib/sbi/errors.ts';
import { parseJsonBody } from '../../../lib/sbi/wire/index.ts';
import type { BenchPrompt, PromptAnswer } from './prompts.ts';

// Rotating keys makes the device generate RSA keys: seconds on a loaded two-core machine. Loopback only.
const LIMITS = {
  connectTimeoutMs: 500,
  deadlineMs: 15_000,
  idleTimeoutMs: 15_000,
  maxBytes: 1024 * 1024,
};

const stateSchema = z.object({
  errorCode: z.literal('0'),
  state: z.object({
    delayMs: z.number().int().min(0),
    devices: z.array(z.object({ deviceId: z.string(), status: z.string() })).max(64),
  }),
});
const trustSchema = z.object({
  device: z.string().min(1).max(20_000),
  ftm: z.string().min(1).max(20_000),
  encryption: z.string().min(1).max(20_000).optional(),
});

export interface VirtualAdmin {
  port: number;
  setStatus(deviceId: string, status: string): Promise<void>;
  setDelay(ms: number): Promise<void>;
  delayMs(): Promise<number>;
  rotateKeys(deviceId: string): Promise<void>;
  setEncryptionCert(pem: string): Promise<void>;
  /** The device CA (DEVICE) and FTM root (FTM) the virtual device's certificates chain to, and the certificate it encrypts to. */
  trustAnchorsPem(): Promise<{ device: string; ftm: string; encryption?: string | undefined }>;
}

async function call(
  client: SbiClient,
  method: 'GET' | 'POST',
  path: string,
  body?: object,
  signal?: AbortSignal,
): Promise<unknown> {
  const res = await client.call(method, path, body, LIMITS, signal);
  const json = parseJsonBody(res.body, path);
  if (res.status !== 200) {
    const info =
      typeof json === 'object' && json !== null && 'errorInfo' in json
        ? String((json as { errorInfo: unknown }).errorInfo).slice(0, 200)
        : '';
    throw new Error(`virtual SBI admin ${path}: HTTP ${res.status}${info ? ` (${info})` : ''}`);
  }
  return json;
}

/** The admin API of a virtual SBI on `port`, or null when the port serves something else. */
export async function detectVirtualSbi(port: number, signal?: AbortSignal): Promise<VirtualAdmin | null> {
  const client = new SbiClient({ port });
  try {
    if (!stateSchema.safeParse(await call(client, 'GET', '/admin/state', undefined, signal)).success) return null;
  } catch (e) {
    if (isSbiError(e) && e.code === 'SBI_CANCELLED') throw e;
    if (isSbiError(e) || e instanceof Error) return null;
    throw e;
  }
  const post = async (path: string, body: object) => void (await call(client, 'POST', path, body));
  return {
    port,
    setStatus: (deviceId, status) => post('/admin/status', { deviceId, deviceStatus: status }),
    setDelay: (ms) => post('/admin/delay', { delay: ms }),
    delayMs: async () => stateSchema.parse(await call(client, 'GET', '/admin/state')).state.delayMs,
    rotateKeys: (deviceId) => post('/admin/rotate-keys', { deviceId }),
    setEncryptionCert: (pem) => post('/admin/encryption-cert', { certificate: pem }),
    trustAnchorsPem: async () => trustSchema.parse(await call(client, 'GET', '/admin/trust')),
  };
}

/**
 * Answers every prompt by driving the virtual device: statuses, key rotation, and "present
 * nothing" as a capture delay at least as long as the timeout (the device then finds nothing).
 */
export function virtualPrompter(admin: VirtualAdmin): (p: BenchPrompt) => Promise<PromptAnswer> {
  let savedDelay: number | null = null;
  return async (p) => {
    const a = p.action;
    if (a.kind === 'set-status') await admin.setStatus(p.deviceId, a.status);
    else if (a.kind === 'rotate-keys') await admin.rotateKeys(p.deviceId);
    else if (a.kind === 'withhold-input') {
      savedDelay ??= await admin.delayMs();
      await admin.setDelay(a.timeoutMs);
    } else if (a.after.kind === 'set-status') await admin.setStatus(p.deviceId, 'Ready');
    else if (a.after.kind === 'withhold-input') {
      await admin.setDelay(savedDelay ?? 0);
      savedDelay = null;
    }
    return 'done';
  };
}
