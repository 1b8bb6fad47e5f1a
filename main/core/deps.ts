import type { Config } from './config.ts';
import type { Mailer } from './mail/mailer.ts';
import type { KeyWrap } from '../../lib/keys/wrap.ts';
import type { HardwareService } from './hardware/service.ts';
import type { DeskSyncPort } from './sync/port.ts';
import type { DeskUpdatePort } from './releases/updates.ts';
import type { IdaClient } from './ida/types.ts';

/**
 * Everything the core takes from outside. Time and randomness come in here so tests drive
 * lockout, session expiry and reset-link expiry without sleeping.
 */
export interface CoreDeps {
  dataDir: string;
  config: Config;
  now: () => Date;
  randomBytes: (size: number) => Buffer;
  mailer: Mailer;
  /** Wraps private keys at rest (the signing CA's key). */
  keyWrap: KeyWrap;
  /** Base URL for links in e-mails (reset links): the web host's address or a deep link. */
  publicUrl: string;
  /** USB, HID, SBI services and the virtual SBI; per process, built by the host's factory (native/hub). */
  hardware: HardwareService;
  log: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
  /** The desk's sync client (main/sync), set by the host once the core is open; null: not offered. */
  deskSync: DeskSyncPort | null;
  /** The desk's updater (main/update), set by the Electron host; null: this host installs nothing. */
  deskUpdates: DeskUpdatePort | null;
  /** The ID authentication service (MOSIP IDA's e-KYC shape) for assisted registration; null: none configured. */
  ida: IdaClient | null;
}
