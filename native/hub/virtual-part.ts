/**
 * The virtual SBI and a virtual FTM chip, started on demand (and with `--demo`). Both use one PKI
 * kept in the data directory, so trusting its two roots once is enough: the SBI's device and chip
 * certificates and the chip on the virtual HID port all chain to them.
 */
import { join } from 'node:path';
import { AppError } from '../../main/contract/index.ts';
import { thumbprintOf } from '../../lib/pki/index.ts';
import { VirtualFtmChip } from '../ftm/virtual-chip.ts';
import { loadOrCreateVirtualPki } from '../virtual/pki-store.ts';
import { startVirtualSbi } from '../virtual/sbi/index.ts';
import type { VirtualSbi } from '../virtual/sbi/index.ts';
import type { AnnounceEmit, HardwareHub, VirtualSbiView, WorkOwner } from './hub.ts';
import type { KeyWrap } from '../../lib/keys/wrap.ts';

export interface VirtualPartOptions {
  dataDir: string;
  portRange: [number, number];
  deviceOrg: string;
  providerId: string;
  ftmOrg: string;
  now: () => Date;
  emit: AnnounceEmit;
  keyWrap: KeyWrap;
}

/** The path the in-process chip is listed under (real chips have hidraw paths). */
export const VIRTUAL_CHIP_PATH = 'virtual:ftm-chip-1';

type Action = Parameters<HardwareHub['virtualControl']>[0];

export class VirtualPart {
  private sbi: VirtualSbi | null = null;
  private chip: VirtualFtmChip | null = null;
  private starting: Promise<void> | null = null;
  /** Who started the running device (null: the system); undefined while it is not running. */
  private startedBy: WorkOwner | null | undefined = undefined;

  constructor(private readonly opts: VirtualPartOptions) {}

  get virtualChip(): VirtualFtmChip | null {
    return this.chip;
  }

  state(trusted: ReadonlySet<string>): VirtualSbiView {
    const sbi = this.sbi;
    if (!sbi)
      return {
        running: false,
        port: null,
        delayMs: 0,
        fault: null,
        devices: [],
        rootsTrusted: false,
      };
    const s = sbi.state();
    return {
      running: true,
      port: s.port,
      delayMs: s.delayMs,
      fault: s.fault,
      devices: s.devices.map((d) => ({
        deviceId: d.deviceId,
        type: d.type,
        subType: d.deviceSubType,
        purpose: d.purpose,
        status: d.status,
        quality: d.qualityScore,
        serialNo: d.serialNo,
      })),
      rootsTrusted:
        trusted.has(`DEVICE:${thumbprintOf(sbi.pki.deviceCa.der)}`) &&
        trusted.has(`FTM:${thumbprintOf(sbi.pki.ftmRoot.der)}`),
    };
  }

  owner(): WorkOwner | null | undefined {
    return this.sbi ? this.startedBy : undefined;
  }

  roots(): { device: Uint8Array; ftm: Uint8Array } | null {
    return this.sbi ? { device: this.sbi.pki.deviceCa.der, ftm: this.sbi.pki.ftmRoot.der } : null;
  }

  async control(a: Action, owner: WorkOwner | null = null): Promise<void> {
    if (a.action === 'start') return this.start(owner);
    if (a.action === 'stop') return this.stop();
    const sbi = this.sbi;
    if (!sbi) throw new AppError('PD_HW_006', 'The virtual SBI is not running.');
    try {
      if (a.action === 'status') sbi.control.setStatus(a.deviceId, a.status);
      else if (a.action === 'quality') sbi.control.setQuality(a.deviceId, a.quality);
      else if (a.action === 'delay') sbi.control.setDelay(a.delayMs);
      else if (a.action === 'rotateKeys') await sbi.control.rotateKeys(a.deviceId);
      else if (a.action === 'encryptionCert') sbi.control.setEncryptionCert(a.certificate);
      else sbi.control.setFault(a.fault);
    } catch (e) {
      // The device refuses unknown device ids and out-of-range values with RangeError.
      if (e instanceof RangeError) throw new AppError('PMS_COR_002', e.message, { deviceId: 'PMS_COR_002' });
      throw e;
    }
    this.opts.emit('hardware.changed', { source: 'virtual' });
  }

  private async start(owner: WorkOwner | null): Promise<void> {
    if (this.sbi) return;
    if (!this.starting) this.startedBy = owner;
    this.starting ??= (async () => {
      const { pki } = await loadOrCreateVirtualPki(join(this.opts.dataDir, 'virtual-sbi', 'pki.json'), {
        deviceOrg: this.opts.deviceOrg,
        ftmOrg: this.opts.ftmOrg,
        now: this.opts.now,
        keyWrap: this.opts.keyWrap,
      });
      this.sbi = await startVirtualSbi({
        portRange: this.opts.portRange,
        pki,
        deviceOrg: this.opts.deviceOrg,
        ftmOrg: this.opts.ftmOrg,
        providerId: this.opts.providerId,
        now: this.opts.now,
      });
      this.chip = (await VirtualFtmChip.create({ pki, serial: 'PD-VFTM-0001', now: this.opts.now() })).chip;
    })().finally(() => (this.starting = null));
    await this.starting;
    this.opts.emit('hardware.changed', { source: 'virtual' });
    this.opts.emit('hardware.changed', { source: 'hid' });
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const sbi = this.sbi;
    this.sbi = null;
    this.chip = null;
    this.startedBy = undefined;
    if (sbi) {
      await sbi.close();
      this.opts.emit('hardware.changed', { source: 'virtual' });
      this.opts.emit('hardware.changed', { source: 'hid' });
    }
  }
}
