/**
 * One compliance-bench run against one port, as the hub's bench task and `sbi bench` both run it.
 * A virtual SBI (a port with the admin API) encrypts Auth captures to whatever certificate it is
 * given: unless the caller brings a key pair, the session makes one for the run, lends the device
 * its certificate and gives the device its own back on close(). A virtual SBI may also act on the
 * bench's prompts itself.
 */
import { X509Certificate } from 'node:crypto';
import { createBenchEncryptionKey } from '../../../lib/sbi/decrypt.ts';
import type { BenchEncryptionKey } from '../../../lib/sbi/decrypt.ts';
import type { Prompter } from './prompts.ts';
import type { BenchReport } from './report.ts';
import { runBench } from './runner.ts';
import type { RunBenchOptions } from './runner.ts';
import { detectVirtualSbi, virtualPrompter } from './virtual-admin.ts';
import type { VirtualAdmin } from './virtual-admin.ts';

export interface BenchSessionOptions {
  port: number;
  signal: AbortSignal;
  /**
   * A key pair the caller brings (`--encryption-key`, or the one an in-process virtual SBI was
   * started with): the device is assumed to encrypt to it already, nothing is lent.
   */
  encryptionKey?: BenchEncryptionKey | null;
  /** Clock of the run (the lent key's validity, request times, certificate checks); default the system clock. */
  now?: () => Date;
}

export class BenchSession {
  private constructor(
    private readonly opts: BenchSessionOptions,
    /** The port's admin API when it is a virtual SBI, else null. */
    readonly admin: VirtualAdmin | null,
    readonly encryptionKey: BenchEncryptionKey | null,
    /** The virtual device's own certificate, given back by close(); null when nothing was lent. */
    private readonly restoreCert: string | null,
  ) {}

  static async open(opts: BenchSessionOptions): Promise<BenchSession> {
    const admin = await detectVirtualSbi(opts.port, opts.signal);
    if (!admin || opts.encryptionKey) return new BenchSession(opts, admin, opts.encryptionKey ?? null, null);
    const key = await createBenchEncryptionKey(opts.now?.());
    const own = (await admin.trustAnchorsPem()).encryption ?? null;
    const session = new BenchSession(opts, admin, key, own);
    try {
      await admin.setEncryptionCert(new X509Certificate(key.certificateDer).toString());
    } catch (e) {
      await session.close();
      throw e;
    }
    return session;
  }

  /** For a virtual SBI with `auto`, the device acts on prompts itself; otherwise `ask` asks the tester. */
  prompter(ask: Prompter, auto: boolean): Prompter {
    return this.admin && auto ? virtualPrompter(this.admin) : ask;
  }

  run(opts: Omit<RunBenchOptions, 'port' | 'encryptionKey' | 'signal' | 'now'>): Promise<BenchReport> {
    return runBench({
      ...opts,
      port: this.opts.port,
      encryptionKey: this.encryptionKey,
      signal: this.opts.signal,
      ...(this.opts.now ? { now: this.opts.now } : {}),
    });
  }

  /** Gives a virtual SBI its own encryption certificate back; never throws. */
  async close(): Promise<void> {
    if (this.admin && this.restoreCert) await this.admin.setEncryptionCert(this.restoreCert).catch(() => undefined);
  }
}
