import { z } from 'zod';
import { method } from '../spec.ts';
import { Text, Timestamp } from '../common.ts';
import type { Role } from '../common.ts';
import { FtmRow } from './ftm.ts';

/**
 * Hardware as the UI sees it (issue 6): USB devices, SBI services on 127.0.0.1:4501–4600, FTM
 * chips over HID, the virtual SBI, and the compliance bench. Reading devices is a query; starting,
 * stopping, answering or steering device work is an audited `action` (issue 12), and acting on a
 * task, stream or the virtual SBI is for whoever started it or the admin. Table changes — an FTM
 * chip certificate read from the chip, the virtual roots — go through the command path. A partner
 * must be approved and active to use any of it (`activePartner`).
 */
const DEVICE_ROLES: readonly Role[] = ['DEVICE_PROVIDER', 'PARTNER_ADMIN'];
const FTM_ROLES: readonly Role[] = ['FTM_PROVIDER', 'PARTNER_ADMIN'];
const ANY_HARDWARE: readonly Role[] = ['DEVICE_PROVIDER', 'FTM_PROVIDER', 'PARTNER_ADMIN'];

const Port = z.number().int().min(1).max(65535);
const DeviceId = Text({ min: 1, max: 64 });
const TaskId = Text({ min: 1, max: 64 });

export const CheckResult = z.enum(['pass', 'fail', 'skip']);
export const Check = z.object({
  name: z.string(),
  result: CheckResult,
  reason: z.string().nullable(),
  code: z.string().nullable(),
});
export type CheckView = z.infer<typeof Check>;

export const UsbDevice = z.object({
  id: z.string(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  manufacturer: z.string().nullable(),
  product: z.string().nullable(),
  serial: z.string().nullable(),
  /** From resources/device-catalogue.json; null for a device the catalogue does not know. */
  catalogue: z
    .object({
      name: z.string(),
      vendor: z.string(),
      modality: z.enum(['Finger', 'Iris', 'Face', 'FTM']),
    })
    .nullable(),
});

export const DigitalId = z.object({
  serialNo: z.string(),
  make: z.string(),
  model: z.string(),
  type: z.string(),
  deviceSubType: z.string(),
  deviceProvider: z.string(),
  deviceProviderId: z.string(),
  dateTime: z.string(),
});

/** Something off about a device's names that does not stop the desk from reading it (sbi.md §1.4, §2.3). */
export const SbiFinding = z.object({
  code: z.enum(['SBI_DEVICE_CODE_DIFFERS', 'SBI_SERIAL_NO_RULE']),
  message: z.string(),
  deviceCode: z.string(),
  serialNo: z.string(),
});
export type SbiFindingView = z.infer<typeof SbiFinding>;
export const SbiDeviceError = z.object({ errorCode: z.string(), errorInfo: z.string() });

export const DiscoveredSbi = z.object({
  port: Port,
  /** "" for a Not Registered device that has no id yet. */
  deviceId: z.string(),
  /** The entry's deviceCode under its spec name; the digital ID's serialNo is `digitalId.serialNo`. */
  deviceCode: z.string(),
  /** Ready, Busy, Not Ready, Not Registered; onboarding, the bench and the live view need Ready. */
  deviceStatus: z.string(),
  /** The device's own error that comes with a status other than Ready (111, 110, 100); null on success. */
  error: SbiDeviceError.nullable(),
  certification: z.string(),
  purpose: z.string(),
  type: z.string(),
  subTypes: z.array(z.string()),
  /** Sub-device ids a capture or stream may address (e.g. slap 1–3, face 0). */
  deviceSubIds: z.array(z.string()),
  specVersion: z.array(z.string()),
  serviceVersion: z.string().nullable(),
  digitalId: DigitalId.nullable(),
  /** Whether the device info was signed; an unregistered device's is not, and is never shown as verified. */
  signed: z.boolean(),
  /** Whether the signed device info verified (signature, trust, time); the checks say why not. */
  verified: z.boolean(),
  checks: z.array(Check),
  findings: z.array(SbiFinding),
});

export const PortProblem = z.object({ port: Port, code: z.string(), message: z.string() });

export const SbiPrefill = z.object({
  sbiVersion: z.string(),
  devices: z.array(z.object({ type: z.string(), subType: z.string(), make: z.string(), model: z.string() })),
});
export const RegistryMismatch = z.object({
  field: z.string(),
  device: z.string(),
  registry: z.string().nullable(),
});

export const FtmChipView = z.object({
  path: z.string(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  product: z.string().nullable(),
  serial: z.string().nullable(),
  virtual: z.boolean(),
});
export const ChainEntry = z.object({
  pem: z.string(),
  subject: z.string(),
  issuer: z.string(),
  notAfter: Timestamp,
});
export const Verdict = z.object({
  verdict: z.enum(['verified', 'failed']),
  reason: z.string().nullable(),
});
export const FtmChipReading = z.object({
  make: z.string(),
  model: z.string(),
  serial: z.string(),
  firmware: z.string(),
  chain: z.array(ChainEntry),
  possession: Verdict,
  trust: Verdict,
});

export const BenchPurpose = z.enum(['Registration', 'Auth']);
export const BenchCase = z.object({
  id: z.string(),
  name: z.string(),
  intent: z.string(),
  deviceId: z.string(),
  prompt: z.string().nullable(),
  mandatedWaitMs: z.number().int(),
});
const BenchCheck = z.object({
  name: z.string(),
  result: CheckResult,
  reason: z.string().optional(),
  code: z.string().optional(),
});
export const BenchReport = z.object({
  device: z.object({
    port: Port,
    purpose: z.enum(['Registration', 'Auth']),
    devices: z.array(
      z.object({
        deviceId: z.string(),
        type: z.string(),
        subType: z.string(),
        certification: z.string(),
        purpose: z.string(),
        /** Discovery's deviceCode and the digital ID's serialNo, each under its spec name. */
        deviceCode: z.string(),
        serialNo: z.string().nullable(),
        make: z.string().nullable(),
        model: z.string().nullable(),
        deviceProviderId: z.string().nullable(),
        findings: z.array(SbiFinding),
      }),
    ),
  }),
  cases: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      deviceId: z.string(),
      result: CheckResult,
      checks: z.array(BenchCheck),
      durationMs: z.number(),
      mandatedWaitMs: z.number(),
    }),
  ),
  summary: z.object({ pass: z.number().int(), fail: z.number().int(), skip: z.number().int() }),
  startedAt: Timestamp,
  finishedAt: Timestamp,
  cancelled: z.boolean(),
});

export const VirtualSbiFault = z.enum([
  'bad-signature',
  'wrong-hash',
  'millisecond-timestamps',
  'early-timeout',
  'wrong-count',
]);
export const VirtualDeviceStatus = z.enum(['Ready', 'Busy', 'Not Ready', 'Not Registered']);
export const VirtualSbiState = z.object({
  running: z.boolean(),
  port: Port.nullable(),
  delayMs: z.number().int(),
  fault: VirtualSbiFault.nullable(),
  devices: z.array(
    z.object({
      deviceId: z.string(),
      type: z.string(),
      subType: z.string(),
      purpose: z.string(),
      status: VirtualDeviceStatus,
      quality: z.number().int(),
      serialNo: z.string(),
    }),
  ),
  /** Whether the virtual device and FTM roots are in the trust store (DEVICE and FTM domains). */
  rootsTrusted: z.boolean(),
});
/** The virtual SBI as a caller sees it: whether they may steer it (its starter or the admin). */
export const VirtualSbiView = VirtualSbiState.extend({ steerable: z.boolean() });

export const hardwareMethods = {
  'hardware.usb.list': method({
    kind: 'query',
    access: ANY_HARDWARE,
    activePartner: true,
    input: z.object({}).strict(),
    output: z.object({
      access: z.enum(['ok', 'none']),
      reason: z.string().nullable(),
      devices: z.array(UsbDevice),
    }),
    errors: ['PMS_PMP_016'],
  }),
  'sbi.discover': method({
    kind: 'query',
    access: DEVICE_ROLES,
    activePartner: true,
    input: z.object({ refresh: z.boolean().default(false) }).strict(),
    output: z.object({
      scannedAt: Timestamp,
      portFrom: Port,
      portTo: Port,
      devices: z.array(DiscoveredSbi),
      problems: z.array(PortProblem),
    }),
    errors: ['PMS_PMP_016'],
  }),
  /** Reads and verifies one device; pre-fills Add SBI / Add Devices and compares with the registry. */
  'sbi.inspect': method({
    kind: 'query',
    access: DEVICE_ROLES,
    activePartner: true,
    input: z.object({ port: Port, deviceId: DeviceId, partnerId: Text({ min: 1, max: 36 }) }).strict(),
    output: z.object({
      device: DiscoveredSbi,
      prefill: SbiPrefill,
      /** The provider's registered device with the same type, subtype, make and model, if any. */
      registeredDeviceId: z.string().nullable(),
      /**
       * Not registered: the provider's latest device of the same type and subtype that make/model
       * mismatches compare with (null when there is none, or the device is registered).
       */
      nearestRegistered: z.object({ make: z.string(), model: z.string() }).nullable(),
      mismatches: z.array(RegistryMismatch),
    }),
    errors: ['PMS_PMP_016', 'PD_HW_001', 'PD_HW_002', 'PMS_PRT_005', 'PMS_PRT_055'],
  }),
  'sbi.stream.start': method({
    kind: 'action',
    access: DEVICE_ROLES,
    activePartner: true,
    input: z
      .object({
        port: Port,
        deviceId: DeviceId,
        deviceSubId: Text({ min: 1, max: 8 }).default('1'),
      })
      .strict(),
    output: z.object({ streamId: z.string() }),
    errors: ['PMS_PMP_016', 'PD_HW_001', 'PD_HW_002'],
  }),
  'sbi.stream.stop': method({
    kind: 'action',
    access: DEVICE_ROLES,
    activePartner: true,
    input: z.object({ streamId: TaskId }).strict(),
    output: z.object({ stopped: z.boolean() }),
    errors: ['PMS_PMP_016', 'PD_HW_004', 'PD_HW_008'],
  }),
  'sbi.bench.cases': method({
    kind: 'query',
    access: DEVICE_ROLES,
    activePartner: true,
    input: z.object({ port: Port, deviceId: DeviceId.optional(), purpose: BenchPurpose }).strict(),
    output: z.object({ cases: z.array(BenchCase) }),
    errors: ['PMS_PMP_016', 'PD_HW_001'],
  }),
  'sbi.bench.start': method({
    kind: 'action',
    access: DEVICE_ROLES,
    activePartner: true,
    input: z
      .object({
        port: Port,
        deviceId: DeviceId.optional(),
        purpose: BenchPurpose,
        /** For the virtual SBI only: the bench acts on its prompts itself through the device's admin API. */
        autoPrompts: z.boolean().default(false),
        /** Only these cases (ids from `sbi.bench.cases`); all applicable ones when absent. */
        caseIds: z
          .array(Text({ min: 1, max: 16 }))
          .min(1)
          .max(300)
          .optional(),
      })
      .strict(),
    output: z.object({ taskId: z.string(), total: z.number().int() }),
    errors: ['PMS_PMP_016', 'PD_HW_001', 'PD_HW_005', 'PD_HW_008'],
  }),
  'sbi.bench.report': method({
    kind: 'query',
    access: DEVICE_ROLES,
    activePartner: true,
    input: z.object({ taskId: TaskId, format: z.enum(['json', 'html']).default('json') }).strict(),
    /** `report` is null while the run has produced nothing yet, and after a failure (see `error`). */
    output: z.object({
      state: z.enum(['running', 'prompt', 'done', 'cancelled', 'failed']),
      report: BenchReport.nullable(),
      html: z.string().nullable(),
      error: z.string().nullable(),
    }),
    errors: ['PMS_PMP_016', 'PD_HW_004', 'PD_HW_008'],
  }),
  'tasks.answer': method({
    kind: 'action',
    access: ANY_HARDWARE,
    activePartner: true,
    input: z.object({ taskId: TaskId, answer: z.enum(['done', 'skip']) }).strict(),
    output: z.object({ accepted: z.boolean() }),
    errors: ['PMS_PMP_016', 'PD_HW_004', 'PD_HW_008'],
  }),
  'tasks.cancel': method({
    kind: 'action',
    access: ANY_HARDWARE,
    activePartner: true,
    input: z.object({ taskId: TaskId }).strict(),
    output: z.object({ cancelled: z.boolean() }),
    errors: ['PMS_PMP_016', 'PD_HW_004', 'PD_HW_008'],
  }),
  'hardware.ftm.chips': method({
    kind: 'query',
    access: FTM_ROLES,
    activePartner: true,
    input: z.object({}).strict(),
    output: z.object({ chips: z.array(FtmChipView) }),
    errors: ['PMS_PMP_016'],
  }),
  /** Reads a chip over HID and proves possession: a fresh challenge signed by the chip key. */
  'hardware.ftm.read': method({
    kind: 'query',
    access: FTM_ROLES,
    activePartner: true,
    input: z.object({ path: Text({ min: 1, max: 256 }) }).strict(),
    output: FtmChipReading,
    errors: ['PMS_PMP_016', 'PD_HW_001', 'PD_HW_002', 'PD_HW_007'],
  }),
  /** Reads the chip, proves possession, then uploads its certificate as the FTM chip certificate. */
  'hardware.ftm.onboard': method({
    kind: 'command',
    changes: ['ftm'],
    access: FTM_ROLES,
    activePartner: true,
    input: z.object({ path: Text({ min: 1, max: 256 }), ftmId: Text({ min: 1, max: 36 }) }).strict(),
    output: z.object({ reading: FtmChipReading, ftm: FtmRow }),
    errors: [
      'PMS_PMP_016',
      'PD_HW_001',
      'PD_HW_002',
      'PD_HW_003',
      'PD_HW_007',
      'PMS_FTM_ERROR_005',
      'PMS_FTM_ERROR_006',
      'PMP_AUT_030',
      'PMP_AUT_038',
      'PMP_AUT_039',
      'KER-PCM-001',
      'KER-PMS-020',
      'KER-PCM-004',
      'KER-PCM-017',
      'KER-PCM-015',
      'KER-PCM-006',
      'KER-PCM-007',
      'KER-PCM-008',
      'KER-PCM-013',
      'KER-PCM-014',
    ],
  }),
  'virtualSbi.state': method({
    kind: 'query',
    access: ANY_HARDWARE,
    activePartner: true,
    input: z.object({}).strict(),
    output: VirtualSbiView,
    errors: ['PMS_PMP_016'],
  }),
  'virtualSbi.control': method({
    kind: 'action',
    access: ANY_HARDWARE,
    activePartner: true,
    input: z.discriminatedUnion('action', [
      z.object({ action: z.literal('start') }).strict(),
      z.object({ action: z.literal('stop') }).strict(),
      z.object({ action: z.literal('status'), deviceId: DeviceId, status: VirtualDeviceStatus }).strict(),
      z
        .object({
          action: z.literal('quality'),
          deviceId: DeviceId,
          quality: z.number().int().min(0).max(100),
        })
        .strict(),
      z.object({ action: z.literal('delay'), delayMs: z.number().int().min(0).max(60_000) }).strict(),
      z.object({ action: z.literal('rotateKeys'), deviceId: DeviceId.optional() }).strict(),
      z.object({ action: z.literal('fault'), fault: VirtualSbiFault.nullable() }).strict(),
    ]),
    output: VirtualSbiView,
    errors: ['PMS_PMP_016', 'PD_HW_006', 'PD_HW_008'],
  }),
  /**
   * Puts the virtual devices' two roots into the trust store (DEVICE and FTM) in one action, marked
   * as test roots. Outside a demo database the admin must confirm (their keys live on this desk).
   */
  'virtualSbi.trustRoots': method({
    kind: 'command',
    changes: ['trustStore'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ confirmTestRoots: z.boolean().optional() }).strict(),
    output: z.object({ added: z.number().int(), alreadyPresent: z.number().int() }),
    errors: ['PD_HW_006', 'PD_TRUST_001'],
  }),
};

/** Events of the hardware layer (merged into the contract's events). */
export const hardwareEvents = {
  /** The USB list, the FTM chip list or the set of discovered SBI devices changed. */
  'hardware.changed': z.object({ source: z.enum(['usb', 'hid', 'sbi', 'virtual']) }),
  /** Progress of long work (the compliance bench); `prompt` asks the tester to act. */
  'task.progress': z.object({
    taskId: z.string(),
    state: z.enum(['running', 'prompt', 'done', 'cancelled', 'failed']),
    done: z.number().int(),
    total: z.number().int(),
    label: z.string(),
    prompt: z.string().nullable(),
    /** What the prompt asks, as data, so the UI can say it in the user's language. */
    promptAction: z
      .object({
        kind: z.enum(['set-status', 'rotate-keys', 'withhold-input', 'restore']),
        deviceId: z.string(),
        status: z.string().nullable(),
        timeoutMs: z.number().int().nullable(),
      })
      .nullable(),
  }),
  /** One M-JPEG frame of a live STREAM, base64. */
  'sbi.frame': z.object({ streamId: z.string(), seq: z.number().int(), jpeg: z.string() }),
};
