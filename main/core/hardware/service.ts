/**
 * What the core asks of the hardware, in the contract's and lib's types. The core never imports
 * native/: the hosts (web, server, Electron worker, CLI) hand `openCore` a factory — native/hub's
 * `createHardwareHub` — and the type-check at that call proves the hub fits this interface.
 */
import type { EventName, EventPayload, Output, ParsedInput, Role } from '../../contract/index.ts';
import type { KeyWrap } from '../../../lib/keys/wrap.ts';
import type { TrustStore } from '../../../lib/pki/index.ts';
import type { AuthCaptureRequest, AuthCaptureView, SampleRecord } from '../../../lib/sbi/auth-capture.ts';
import type { Config } from '../config.ts';

export type UsbListView = Output<'hardware.usb.list'>;
export type DiscoveryView = Output<'sbi.discover'>;
export type DiscoveredSbiView = DiscoveryView['devices'][number];
export type BenchCaseView = Output<'sbi.bench.cases'>['cases'][number];
export type BenchReportView = Output<'sbi.bench.report'>;
export type FtmChipListView = Output<'hardware.ftm.chips'>['chips'];
export type FtmChipReadingView = Output<'hardware.ftm.read'>;
/** The virtual SBI's state; the core adds whether the caller may steer it. */
export type VirtualSbiView = Omit<Output<'virtualSbi.state'>, 'steerable'>;
export type VirtualSbiAction =
  | ParsedInput<'virtualSbi.control'>
  /** Not offered to users: the demo points Auth CAPTURE's encryption at the ID service's IDA-FIR certificate (DER). */
  | { action: 'encryptionCert'; certificate: Uint8Array };
export type BenchPurpose = ParsedInput<'sbi.bench.start'>['purpose'];
export type PromptAnswer = ParsedInput<'tasks.answer'>['answer'];

/**
 * Who started a bench run, a live stream or the virtual SBI: its events go to that session only,
 * and acting on it is for that user or the admin. null: the system (`--demo`).
 */
export interface WorkOwner {
  userId: string;
  /** SHA-256 of the session token, as the core's Actor carries it. */
  session: string;
}

export interface VerifyContext {
  trust: TrustStore;
  now: Date;
  /** The provider's organisation: certificates' O= must match it (MOSIP's org check). */
  orgName?: string;
}

export interface HardwareService {
  usbList(): Promise<UsbListView>;
  /** The cached scan unless `refresh`; `again` lets a background rescan keep verifying. */
  discover(opts: VerifyContext & { refresh: boolean; again?: () => VerifyContext }): Promise<DiscoveryView>;
  /** Device info of one device, verified; throws PD_HW_001/002 when absent or unverifiable. */
  inspect(opts: VerifyContext & { port: number; deviceId: string }): Promise<DiscoveredSbiView>;
  streamStart(opts: { port: number; deviceId: string; deviceSubId: string; owner: WorkOwner }): Promise<string>;
  streamStop(streamId: string): boolean;
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
  taskOwner(taskId: string): WorkOwner | undefined;
  benchReport(taskId: string, format: 'json' | 'html'): BenchReportView | null;
  /** null: no such task. */
  answer(taskId: string, answer: PromptAnswer): boolean | null;
  cancel(taskId: string): boolean | null;
  ftmChips(): Promise<FtmChipListView>;
  /** Reads the chip and proves possession with a fresh challenge; `leafPem` is the chip certificate. */
  ftmRead(opts: VerifyContext & { path: string }): Promise<FtmChipReadingView & { leafPem: string }>;
  /** One verified Auth CAPTURE; the biometrics stay encrypted for the ID service. Throws PD_ASR_010. */
  authCapture(opts: VerifyContext & AuthCaptureRequest): Promise<AuthCaptureView>;
  virtualState(trustedThumbprints: ReadonlySet<string>): VirtualSbiView;
  /** Who started the running virtual SBI (null: the system); undefined when it is not running. */
  virtualOwner(): WorkOwner | null | undefined;
  virtualControl(action: VirtualSbiAction, owner?: WorkOwner | null): Promise<void>;
  /** DER of the virtual device CA and FTM root, or null when the virtual SBI is not running. */
  virtualRoots(): { device: Uint8Array; ftm: Uint8Array } | null;
  /**
   * The ISO 19794 records the virtual SBI captures for `purpose` (every finger, both irises, the face),
   * so the demo's ID service can enrol people the virtual device matches; null without the samples.
   */
  virtualSampleRecords(purpose: 'Auth' | 'Registration', captureTime: Date): SampleRecord[] | null;
  close(): Promise<void>;
}

/**
 * Who hears a hardware event: the session that started the work, or the holders of `roles` (with an
 * approved, active partner when `activePartner`) — a subset of events/audience.ts's `Audience`.
 */
export type HardwareAudience = { session: string } | { roles: readonly Role[]; activePartner?: boolean };
/** Pushes a contract event to the UIs of `audience` (events/subscriptions.ts routes it). */
export type HardwareEmit = <E extends EventName>(
  event: E,
  payload: EventPayload<E>,
  audience: HardwareAudience,
) => void;

/** What the core hands the host's hardware factory when it opens. */
export interface HardwareWiring {
  config: Config['hardware'];
  dataDir: string;
  emit: HardwareEmit;
  now: () => Date;
  log: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
  /** Wraps the virtual devices' private keys at rest (the host's key-encryption key). */
  keyWrap: KeyWrap;
}

export type HardwareFactory = (wiring: HardwareWiring) => HardwareService;
