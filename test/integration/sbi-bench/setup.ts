/** A real virtual SBI on loopback with the bench's key, trust in its two roots, and a prompt recorder. */
import { createTrustStore } from '../../../lib/pki/index.ts';
import type { TrustStore } from '../../../lib/pki/index.ts';
import { createBenchEncryptionKey } from '../../../lib/sbi/decrypt.ts';
import type { BenchEncryptionKey } from '../../../lib/sbi/decrypt.ts';
import type { BenchPrompt, Prompter } from '../../../native/sbi/bench/prompts.ts';
import { detectVirtualSbi, virtualPrompter } from '../../../native/sbi/bench/virtual-admin.ts';
import { startVirtualSbi } from '../../../native/virtual/sbi/index.ts';
import type { VirtualSbi } from '../../../native/virtual/sbi/index.ts';

export interface BenchFixture {
  sbi: VirtualSbi;
  key: BenchEncryptionKey;
  trust: TrustStore;
  prompts: BenchPrompt[];
  /** Drives the virtual device through its admin API and records every prompt. */
  prompt: Prompter;
}

export async function benchFixture(portRange: [number, number]): Promise<BenchFixture> {
  const key = await createBenchEncryptionKey();
  const sbi = await startVirtualSbi({ portRange, encryptionCertDer: key.certificateDer });
  const trust = createTrustStore([
    { cert: sbi.pki.deviceCa.der, domain: 'DEVICE', role: 'anchor' },
    { cert: sbi.pki.ftmRoot.der, domain: 'FTM', role: 'anchor' },
  ]);
  const admin = await detectVirtualSbi(sbi.port);
  if (!admin) throw new Error('the virtual SBI was not detected through its admin API');
  const drive = virtualPrompter(admin);
  const prompts: BenchPrompt[] = [];
  return { sbi, key, trust, prompts, prompt: (p) => (prompts.push(p), drive(p)) };
}

/** Short capture timeouts: the cases keep their meaning (the device must honour them), the file stays fast. */
export const QUICK = { shortMs: 150, longMs: 250 };
