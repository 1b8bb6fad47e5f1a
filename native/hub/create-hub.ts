import type { KeyWrap } from '../../lib/keys/wrap.ts';
import { authCapture } from './auth-capture.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CATALOGUE_PATH, loadCatalogue } from '../usb/catalogue.ts';
import type { DeviceCatalogue } from '../usb/catalogue.ts';
import { BenchPart } from './bench-part.ts';
import { FtmPart } from './ftm-part.ts';
import { HARDWARE_AUDIENCE } from './hub.ts';
import type { AnnounceEmit, HardwareHub, HubEmit } from './hub.ts';
import { SbiPart } from './sbi-part.ts';
import { StreamPart } from './stream-part.ts';
import { TaskRegistry } from './tasks.ts';
import type { BenchReport } from '../sbi/bench/index.ts';
import { UsbPart } from './usb-part.ts';
import { VirtualPart } from './virtual-part.ts';
import { virtualSampleRecords } from './sample-records.ts';

/** The `hardware` part of the core's config.json (main/core/config.ts), as the hub reads it. */
export interface HubConfig {
  sbiPortFrom: number;
  sbiPortTo: number;
  discoveryIntervalSeconds: number;
  virtualDeviceOrg: string;
  virtualProviderId: string;
  virtualFtmOrg: string;
}

/** What the host hands the hub (the core's HardwareWiring is one: main/core/hardware/service.ts). */
export interface HubOptions {
  config: HubConfig;
  dataDir: string;
  emit: HubEmit;
  now: () => Date;
  log: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
  /** Wraps the virtual devices' private keys at rest (the host's key-encryption key). */
  keyWrap: KeyWrap;
}

/** Next to the sources (dev, web bundle), in the working directory, or in the packaged app's resources. */
function cataloguePath(): string {
  const resourcesPath = (process as { resourcesPath?: unknown }).resourcesPath;
  const candidates = [
    DEFAULT_CATALOGUE_PATH,
    join(process.cwd(), 'resources/device-catalogue.json'),
    ...(typeof resourcesPath === 'string' ? [join(resourcesPath, 'device-catalogue.json')] : []),
  ];
  return candidates.find((p) => existsSync(p)) ?? DEFAULT_CATALOGUE_PATH;
}

/** The process's hardware hub: lazy — nothing is opened, scanned or started until first asked. */
export function createHardwareHub(opts: HubOptions): HardwareHub {
  const { config, emit, log } = opts;
  let catalogue: DeviceCatalogue | null = null;
  const catalogueOnce = () => (catalogue ??= loadCatalogue(cataloguePath()));
  // Progress of a run goes to the session that started it; what is attached, to hardware users.
  const tasks = new TaskRegistry<BenchReport>((p, owner) => emit('task.progress', p, { session: owner.session }));
  const announce: AnnounceEmit = (event, payload) => emit(event, payload, HARDWARE_AUDIENCE);
  const bench = new BenchPart(tasks, opts.now);
  const range: [number, number] = [config.sbiPortFrom, config.sbiPortTo];
  const sbi = new SbiPart({
    portFrom: range[0],
    portTo: range[1],
    maxAgeMs: Math.max(1, config.discoveryIntervalSeconds) * 1000,
    intervalMs: config.discoveryIntervalSeconds * 1000,
    emit: announce,
  });
  const streams = new StreamPart(emit, log);
  const usb = new UsbPart(catalogueOnce, announce);
  const virtual = new VirtualPart({
    dataDir: opts.dataDir,
    portRange: range,
    deviceOrg: config.virtualDeviceOrg,
    providerId: config.virtualProviderId,
    ftmOrg: config.virtualFtmOrg,
    now: opts.now,
    keyWrap: opts.keyWrap,
    emit: (event, payload) => {
      // Starting, stopping or changing the virtual device changes what discovery finds.
      sbi.invalidate();
      announce(event, payload);
    },
  });
  const ftm = new FtmPart(catalogueOnce, virtual, log);
  return {
    usbList: () => usb.list(),
    discover: (o) => sbi.discover(o),
    inspect: (o) => sbi.inspect(o),
    authCapture: (o) => authCapture(o),
    streamStart: (o) => streams.start(o),
    streamStop: (id) => streams.stop(id),
    streamOwner: (id) => streams.owner(id),
    benchCases: (o) => bench.cases(o),
    benchStart: (o) => bench.start(o),
    benchReport: (id, format) => bench.report(id, format),
    taskOwner: (id) => tasks.owner(id),
    answer: (id, a) => tasks.answer(id, a),
    cancel: (id) => tasks.cancel(id),
    ftmChips: () => ftm.chips(),
    ftmRead: (o) => ftm.read(o),
    virtualState: (trusted) => virtual.state(trusted),
    virtualOwner: () => virtual.owner(),
    virtualControl: (a, owner) => virtual.control(a, owner ?? null),
    virtualRoots: () => virtual.roots(),
    virtualSampleRecords: (purpose, captureTime) => virtualSampleRecords(purpose, captureTime, log),
    async close() {
      tasks.cancelAll();
      streams.stopAll();
      sbi.stop();
      usb.stop();
      await virtual.stop();
    },
  };
}
