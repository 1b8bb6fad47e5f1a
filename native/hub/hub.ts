/**
 * What the core asks of the hardware (issue 6). One hub per process holds the state that outlives a
 * call: the USB monitor, the last discovery, live streams, bench runs and the virtual SBI. The core
 * passes in what only it knows (the trust store from the database, the time), so the hub never
 * reads the database and the same verification runs in the CLI with a trust store from files.
 */
import type { EventName, EventPayload, Output, Role } from '../../main/contract/index.ts';
import type { TrustStore } from '../../lib/pki/index.ts';
import type { AuthCaptureRequest, AuthCaptureView, SampleRecord } from '../../lib/sbi/auth-capture.ts';

export type UsbListView = Output<'hardware.usb.list'>;
export type DiscoveryView = Output<'sbi.discover'>;
export type DiscoveredSbiView = DiscoveryView['devices'][number];
export type BenchCaseView = Output<'sbi.bench.cases'>['cases'][number];
export type BenchReportView = Output<'sbi.bench.report'>;
export type FtmChipListView = Output<'hardware.ftm.chips'>['chips'];
export type FtmChipReadingView = Output<'hardware.ftm.read'>;
/** The virtual SBI's state; the core adds whether the caller may steer it. */
export type VirtualSbiView = Omit<Output<'virtualSbi.state'>, 'steerable'>;
export type VirtualSbiAction = Exclude<Parameters<HardwareHub['virtualControl']>[0], never>;
export type BenchPurpose = 'Registration' | 'Auth';
export type PromptAnswer = 'done' | 'skip';
/**
 * Who hears a hub event: the session that started the work, or the holders of `roles` (with an
 * approved, active partner when `activePartner`). Every such value is one of the core's audiences.
 */
export type HubAudience = { session: string } | { roles: readonly Role[]; activePartner?: boolean };
/** Pushes a contract event to the UIs of `audience` (the core routes it, events/subscriptions.ts). */
export type HubEmit = <E extends EventName>(event: E, payload: EventPayload<E>, audience: HubAudience) => void;
/** A part announces that the hardware it watches changed; create-hub.ts addresses it. */
export type AnnounceEmit = (event: 'hardware.changed', payload: EventPayload<'hardware.changed'>) => void;

/**
 * Who started a bench run, a live stream or the virtual SBI: its events go to that session only,
 * and acting on it is for that user or the admin (the core decides). null: the system (`--demo`).
 */
export interface WorkOwner {
  userId: string;
  /** SHA-256 of the session token, as the core's Actor carries it. */
  session: string;
}

/** hardware.changed: what is attached changed; heard by the roles that may look at hardware. */
export const HARDWARE_AUDIENCE: HubAudience = {
  roles: ['DEVICE_PROVIDER', 'FTM_PROVIDER', 'PARTNER_ADMIN'],
  activePartner: true,
};

export interface VerifyContext {
  trust: TrustStore;
  now: Date;
  /** The provider's organisation: certificates' O= must match it (MOSIP's org check). */
  orgName?: string;
}

export interface HardwareHub {
  usbList(): Promise<UsbListView>;
  /**
   * The cached scan unless `refresh` or the cache is older than the discovery interval. `again`
   * lets the hub rescan in the background while screens keep asking, announcing changes.
   */
  discover(opts: VerifyContext & { refresh: boolean; again?: () => VerifyContext }): Promise<DiscoveryView>;
  /** Device info of one device, verified; throws PD_HW_001/002 when absent or unverifiable. */
  inspect(opts: VerifyContext & { port: number; deviceId: string }): Promise<DiscoveredSbiView>;
  /** One Auth-purpose CAPTURE, verified; the items as the device sent them (bioValue encrypted for the ID service). */
  authCapture(opts: VerifyContext & AuthCaptureRequest): Promise<AuthCaptureView>;
  streamStart(opts: { port: number; deviceId: string; deviceSubId: string; owner: WorkOwner }): Promise<string>;
  streamStop(streamId: string): boolean;
  /** Who started a live stream; undefined when no such stream runs. */
  streamOwner(streamId: string): WorkOwner | undefined;
  benchCases(opts: { port: number; deviceId?: string | undefined; purpose: BenchPurpose }): Promise<BenchCaseView[]>;
  benchStart(
    opts: VerifyContext & {
      port: number;
      deviceId?: string | undefined;
      purpose: BenchPurpose;
      autoPrompts: boolean;
      caseIds?: string[] | undefined;
      owner: WorkOwner;
    },
  ): Promise<{ taskId: string; total: number }>;
  /** Who started a task; undefined when the task is unknown (or pruned). */
  taskOwner(taskId: string): WorkOwner | undefined;
  benchReport(taskId: string, format: 'json' | 'html'): BenchReportView | null;
  answer(taskId: string, answer: PromptAnswer): boolean | null;
  cancel(taskId: string): boolean | null;
  ftmChips(): Promise<FtmChipListView>;
  /** Reads the chip and proves possession with a fresh challenge; `leafPem` is the chip certificate. */
  ftmRead(opts: VerifyContext & { path: string }): Promise<FtmChipReadingView & { leafPem: string }>;
  virtualState(trustedThumbprints: ReadonlySet<string>): VirtualSbiView;
  /** Who started the running virtual SBI (null: the system); undefined when it is not running. */
  virtualOwner(): WorkOwner | null | undefined;
  /** `owner`: who asks, recorded as the virtual SBI's owner when this starts it. */
  virtualControl(
    action:
      | { action: 'start' }
      | { action: 'stop' }
      | {
          action: 'status';
          deviceId: string;
          status: 'Ready' | 'Busy' | 'Not Ready' | 'Not Registered';
        }
      | { action: 'quality'; deviceId: string; quality: number }
      | { action: 'delay'; delayMs: number }
      | { action: 'rotateKeys'; deviceId?: string | undefined }
      | {
          action: 'fault';
          fault: 'bad-signature' | 'wrong-hash' | 'millisecond-timestamps' | 'early-timeout' | 'wrong-count' | null;
        }
      /** The certificate Auth CAPTURE encrypts to (DER): the ID authentication service's IDA-FIR. */
      | { action: 'encryptionCert'; certificate: Uint8Array },
    owner?: WorkOwner | null,
  ): Promise<void>;
  /** DER of the virtual device CA and FTM root, or null when the virtual SBI is not running. */
  virtualRoots(): { device: Uint8Array; ftm: Uint8Array } | null;
  /** The virtual SBI's capture records for `purpose` (every finger, both irises, the face); null without samples. */
  virtualSampleRecords(purpose: 'Auth' | 'Registration', captureTime: Date): SampleRecord[] | null;
  close(): Promise<void>;
}
