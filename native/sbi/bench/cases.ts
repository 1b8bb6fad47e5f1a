/**
 * The bench's test definitions, as data. Ids and intent follow the CTK's SBI test cases (sbi.md
 * §4.3, all spec 0.9.5); requests mirror what the CTK UI builds (§4.1). Not carried over: STREAM
 * tests (1070–1074) and the quality tests (1075–1082, 1112–1195), which call an external SDK.
 */
import type { BioType, DeviceStatus } from '../../../lib/sbi/wire/index.ts';

export type BenchPurpose = 'Registration' | 'Auth';

export type CaseKind =
  | 'discover'
  | 'discover-invalid'
  | 'device-info'
  | 'status'
  | 'key-rotation'
  | 'capture'
  | 'capture-error'
  | 'timeout-no-input'
  | 'timeout-with-input'
  | 'transaction-id'
  | 'invalid-request'
  | 'hash-chain';

/** The CTK validators the bench reproduces (sbi.md §4.4), plus decryption of Auth captures. */
export type Validator =
  'schema' | 'signature' | 'response-mismatch' | 'timeout' | 'time-check' | 'iso' | 'hash' | 'key-rotation';

/** Capture timeouts the CTK uses: its default, the "without input" one and the "with input" one. */
export type TimeoutClass = 'default' | 'short' | 'long';
export const CTK_TIMEOUTS_MS: Record<TimeoutClass, number> = {
  default: 10_000,
  short: 500,
  long: 10_000,
};

export interface CaptureTemplate {
  deviceSubId: string;
  count: number;
  bioSubType: string[];
  /** RCAPTURE only. */
  exception?: string[];
  requestedScore: number;
  timeout: TimeoutClass;
  /** `bio[0].type` when it is not the device's own (the exception photo is a Face capture). */
  type?: BioType;
  /** Send a 55–62 character transaction id (CTK negative tests). */
  invalidTransactionId?: boolean;
}

export type CaseRequest =
  | { verb: 'MOSIPDISC'; body: { type: string } }
  | { verb: 'MOSIPDINFO' }
  /**
   * A capture; 'device-default' = the usual capture of the device's modality (invalid-request cases).
   * `rename`: the key renamed by appending "XXX" (CTK invalid-request tests), e.g. "env", "bio[0].count".
   */
  | { verb: 'CAPTURE' | 'RCAPTURE'; capture: CaptureTemplate | 'device-default'; rename?: string };

export type PromptAction =
  | { kind: 'set-status'; status: DeviceStatus }
  | { kind: 'rotate-keys' }
  | { kind: 'withhold-input'; timeoutMs: number };

export interface BenchCaseDef {
  id: string;
  name: string;
  intent: string;
  kind: CaseKind;
  purpose: BenchPurpose | 'both';
  /** 'any': every device (the case adapts to its modality). */
  modality: BioType | 'any';
  deviceSubTypes?: readonly string[];
  request: CaseRequest;
  validators: readonly Validator[];
  expect:
    { outcome: 'success' } | { outcome: 'error'; specCode?: string } | { outcome: 'status'; status: DeviceStatus };
  /** What the tester must do before the request (the bench then asks to restore the device afterwards). */
  prompt?: { text: string; action: PromptAction };
  /** The wait the case imposes by definition (its capture timeout), at the CTK's timeouts. */
  mandatedWaitMs?: number;
  /** Captures in a row (hash chain: 3) or key rotations (2). */
  repeat?: number;
}

const LEFT = ['Left IndexFinger', 'Left MiddleFinger', 'Left RingFinger', 'Left LittleFinger'];
const RIGHT = ['Right IndexFinger', 'Right MiddleFinger', 'Right RingFinger', 'Right LittleFinger'];
const THUMBS = ['Left Thumb', 'Right Thumb'];
const ALL_FINGERS = [...LEFT, 'Left Thumb', ...RIGHT, 'Right Thumb'];
const OK = { outcome: 'success' } as const;
const CAPTURED = ['schema', 'response-mismatch', 'signature'] as const;

type Shape = Omit<CaptureTemplate, 'requestedScore' | 'timeout'> &
  Partial<Pick<CaptureTemplate, 'requestedScore' | 'timeout'>>;
const cap = (s: Shape): CaptureTemplate => ({ requestedScore: 40, timeout: 'default', ...s });

type Target = { modality: BioType; deviceSubTypes?: readonly string[]; capture: CaptureTemplate };

/** The captures the CTK repeats across groups, by the name it gives them. */
const R: Record<'leftSlap' | 'rightSlap' | 'thumbs' | 'doubleIris' | 'face' | 'exceptionPhoto', Target> = {
  leftSlap: {
    modality: 'Finger',
    deviceSubTypes: ['Slap'],
    capture: cap({ deviceSubId: '1', count: 4, bioSubType: LEFT }),
  },
  rightSlap: {
    modality: 'Finger',
    deviceSubTypes: ['Slap'],
    capture: cap({ deviceSubId: '2', count: 4, bioSubType: RIGHT }),
  },
  thumbs: {
    modality: 'Finger',
    deviceSubTypes: ['Slap'],
    capture: cap({ deviceSubId: '3', count: 2, bioSubType: THUMBS }),
  },
  doubleIris: {
    modality: 'Iris',
    deviceSubTypes: ['Double'],
    capture: cap({ deviceSubId: '3', count: 2, bioSubType: ['Left', 'Right'] }),
  },
  face: { modality: 'Face', capture: cap({ deviceSubId: '0', count: 1, bioSubType: [] }) },
  exceptionPhoto: {
    modality: 'Face',
    capture: cap({
      deviceSubId: '0',
      count: 1,
      bioSubType: [],
      exception: ['Left LittleFinger'],
      requestedScore: 10,
    }),
  },
};
const A: { face: Target; iris: (sub: string) => Target; finger: (subs: string[]) => Target } = {
  face: { modality: 'Face', capture: cap({ deviceSubId: '0', count: 1, bioSubType: [] }) },
  iris: (sub: string) => ({
    modality: 'Iris',
    deviceSubTypes: ['Single', 'Double'],
    capture: cap({ deviceSubId: '0', count: 1, bioSubType: [sub] }),
  }),
  finger: (subs: string[]) => ({
    modality: 'Finger',
    deviceSubTypes: ['Single', 'Touchless'],
    capture: cap({ deviceSubId: '0', count: subs.length, bioSubType: subs }),
  }),
};

function captureCase(
  id: string,
  name: string,
  intent: string,
  kind: CaseKind,
  purpose: BenchPurpose,
  t: Target,
  validators: readonly Validator[],
  extra: Partial<BenchCaseDef> = {},
  over: Partial<CaptureTemplate> = {},
): BenchCaseDef {
  return {
    id: `SBI${id}`,
    name,
    intent,
    kind,
    purpose,
    modality: t.modality,
    ...(t.deviceSubTypes ? { deviceSubTypes: t.deviceSubTypes } : {}),
    request: {
      verb: purpose === 'Auth' ? 'CAPTURE' : 'RCAPTURE',
      capture: { ...t.capture, ...over },
    },
    validators,
    expect: OK,
    ...extra,
  };
}
const rc = (id: string, name: string, t: Target, over: Partial<CaptureTemplate> = {}) =>
  captureCase(
    id,
    name,
    'A valid registration capture: signed data, the requested segments, nothing extra',
    'capture',
    'Registration',
    t,
    CAPTURED,
    {},
    over,
  );
const ac = (id: string, name: string, t: Target, over: Partial<CaptureTemplate> = {}) =>
  captureCase(
    id,
    name,
    'A valid authentication capture: signed, encrypted to the bench key',
    'capture',
    'Auth',
    t,
    CAPTURED,
    {},
    over,
  );
const errorCase = (
  id: string,
  name: string,
  intent: string,
  purpose: BenchPurpose,
  t: Target,
  over: Partial<CaptureTemplate>,
  specCode?: string,
  kind: CaseKind = 'capture-error',
) =>
  captureCase(
    id,
    name,
    intent,
    kind,
    purpose,
    t,
    ['schema'],
    { expect: { outcome: 'error', ...(specCode ? { specCode } : {}) } },
    over,
  );
const countCase = (id: string, name: string, purpose: BenchPurpose, t: Target, count: number) =>
  errorCase(
    id,
    name,
    `Asking for ${count} biometrics the device cannot give must return an error (spec: 109)`,
    purpose,
    t,
    { count, bioSubType: [], exception: purpose === 'Registration' ? [] : undefined },
    '109',
  );
const noInput = (id: string, name: string, purpose: BenchPurpose, t: Target): BenchCaseDef =>
  captureCase(
    id,
    name,
    'With nothing presented the device waits the whole timeout, then answers with an error',
    'timeout-no-input',
    purpose,
    t,
    ['schema', 'timeout'],
    {
      expect: { outcome: 'error' },
      mandatedWaitMs: CTK_TIMEOUTS_MS.short,
      prompt: {
        text: 'Present nothing to the device during this capture (it should time out).',
        action: { kind: 'withhold-input', timeoutMs: CTK_TIMEOUTS_MS.short },
      },
    },
    { timeout: 'short' },
  );
const withInput = (id: string, name: string, purpose: BenchPurpose, t: Target): BenchCaseDef =>
  captureCase(
    id,
    name,
    'Score 100 is not reached: the device captures until the timeout and returns its best frame, signed',
    'timeout-with-input',
    purpose,
    t,
    ['schema', 'timeout', 'signature'],
    { mandatedWaitMs: CTK_TIMEOUTS_MS.long },
    { timeout: 'long', requestedScore: 100 },
  );
const isoCase = (id: string, name: string, purpose: BenchPurpose, t: Target) =>
  captureCase(
    id,
    name,
    'The ISO 19794 record follows the part the modality requires (header fields, JPEG 2000/WSQ)',
    'capture',
    purpose,
    t,
    [...CAPTURED, 'iso'],
  );
const timeCase = (id: string, name: string, purpose: BenchPurpose, t: Target) =>
  captureCase(
    id,
    name,
    'data.timestamp is yyyy-MM-ddTHH:mm:ssZ and within 3 minutes of the request',
    'capture',
    purpose,
    t,
    [...CAPTURED, 'time-check'],
  );
const txnCase = (id: string, name: string, purpose: BenchPurpose, t: Target) =>
  errorCase(
    id,
    name,
    'A transaction id longer than 50 characters must be refused (spec: 112)',
    purpose,
    t,
    { invalidTransactionId: true },
    '112',
    'transaction-id',
  );
const hashCase = (id: string, name: string, purpose: BenchPurpose, t: Target) =>
  captureCase(
    id,
    name,
    'Three captures in a row: each hash chains from the previous one over the plaintext ISO record',
    'hash-chain',
    purpose,
    t,
    [...CAPTURED, 'hash'],
    { repeat: 3 },
  );
const invalidRequest = (id: string, key: string): BenchCaseDef => ({
  id: `SBI${id}`,
  name: `Invalid request: "${key}" renamed`,
  intent: `An RCAPTURE request whose "${key}" key is missing (renamed ${key}XXX) must be refused with an error`,
  kind: 'invalid-request',
  purpose: 'Registration',
  modality: 'any',
  request: { verb: 'RCAPTURE', capture: 'device-default', rename: key },
  validators: ['schema'],
  expect: { outcome: 'error' },
});
const rotation = (
  id: string,
  name: string,
  purpose: BenchPurpose,
  modality: BioType,
  deviceSubTypes?: string[],
): BenchCaseDef => ({
  id: `SBI${id}`,
  name,
  intent: 'After a key rotation deviceInfo is signed by a new, trusted certificate for the same device',
  kind: 'key-rotation',
  purpose,
  modality,
  ...(deviceSubTypes ? { deviceSubTypes } : {}),
  request: { verb: 'MOSIPDINFO' },
  validators: ['key-rotation'],
  expect: OK,
  repeat: 2,
  prompt: {
    text: 'Rotate the device key (through its management server), then continue.',
    action: { kind: 'rotate-keys' },
  },
});
const status = (id: string, s: DeviceStatus): BenchCaseDef => ({
  id: `SBI${id}`,
  name: `Device status: ${s}`,
  intent:
    s === 'Ready'
      ? 'A ready device answers deviceInfo signed, with status Ready'
      : `A device that is ${s} says so in deviceInfo, with an error code`,
  kind: 'status',
  purpose: 'both',
  modality: 'any',
  request: { verb: 'MOSIPDINFO' },
  validators: s === 'Ready' ? ['schema', 'signature'] : ['schema'],
  expect: { outcome: 'status', status: s },
  ...(s === 'Ready'
    ? {}
    : {
        prompt: {
          text: `Put the device in the "${s}" state, then continue.`,
          action: { kind: 'set-status', status: s },
        },
      }),
});

export const BENCH_CASES: readonly BenchCaseDef[] = [
  {
    id: 'SBI1000',
    name: 'Discover device',
    intent: 'MOSIPDISC lists the device with its unsigned digital id',
    kind: 'discover',
    purpose: 'both',
    modality: 'any',
    request: { verb: 'MOSIPDISC', body: { type: 'Biometric Device' } },
    validators: ['schema', 'signature'],
    expect: OK,
  },
  {
    id: 'SBI1196',
    name: 'Discover: invalid biometric type',
    intent: 'An unknown type ("FINGER") is answered with a 3-digit error',
    kind: 'discover-invalid',
    purpose: 'both',
    modality: 'any',
    request: { verb: 'MOSIPDISC', body: { type: 'FINGER' } },
    validators: ['schema'],
    expect: { outcome: 'error' },
  },
  {
    id: 'SBI1001',
    name: 'Device info',
    intent: 'MOSIPDINFO answers a signed deviceInfo with a signed digital id, both trusted',
    kind: 'device-info',
    purpose: 'both',
    modality: 'any',
    request: { verb: 'MOSIPDINFO' },
    validators: ['schema', 'signature'],
    expect: OK,
  },
  status('1026', 'Ready'),
  status('1027', 'Busy'),
  status('1028', 'Not Ready'),
  status('1029', 'Not Registered'),
  rotation('1022', 'Key rotation: left slap', 'Registration', 'Finger', ['Slap']),
  rotation('1023', 'Key rotation: left iris', 'Auth', 'Iris'),
  rotation('1024', 'Key rotation: left index finger', 'Auth', 'Finger', ['Single', 'Touchless']),
  rotation('1025', 'Key rotation: face', 'Auth', 'Face'),
  rotation('1060', 'Key rotation: face', 'Registration', 'Face'),
  rotation('1061', 'Key rotation: double iris', 'Registration', 'Iris', ['Double']),
  rc('1002', 'RCAPTURE left slap', R.leftSlap),
  rc('1003', 'RCAPTURE left slap, one exception', R.leftSlap, {
    count: 3,
    bioSubType: ['Left IndexFinger', 'Left MiddleFinger', 'Left LittleFinger'],
    exception: ['Left RingFinger'],
  }),
  rc('1004', 'RCAPTURE right slap', R.rightSlap),
  rc('1005', 'RCAPTURE right slap, two exceptions', R.rightSlap, {
    count: 2,
    bioSubType: ['Right RingFinger', 'Right LittleFinger'],
    exception: ['Right IndexFinger', 'Right MiddleFinger'],
  }),
  rc('1006', 'RCAPTURE two thumbs', R.thumbs),
  rc('1007', 'RCAPTURE two thumbs, one exception', R.thumbs, {
    count: 1,
    bioSubType: ['Right Thumb'],
    exception: ['Left Thumb'],
  }),
  errorCase(
    '1008',
    'RCAPTURE two thumbs, both exceptions',
    'Nothing left to capture: the device must answer with an error',
    'Registration',
    R.thumbs,
    { count: 0, bioSubType: [], exception: THUMBS },
  ),
  rc('1009', 'RCAPTURE double iris', R.doubleIris),
  rc('1010', 'RCAPTURE double iris, one exception', R.doubleIris, {
    count: 1,
    bioSubType: ['Right'],
    exception: ['Left'],
  }),
  errorCase(
    '1011',
    'RCAPTURE double iris, both exceptions',
    'Nothing left to capture: the device must answer with an error',
    'Registration',
    R.doubleIris,
    { count: 0, bioSubType: [], exception: ['Left', 'Right'] },
  ),
  rc('1012', 'RCAPTURE face', R.face),
  captureCase(
    '1013',
    'RCAPTURE exception photo',
    'A face capture standing in for missing fingers',
    'capture',
    'Registration',
    R.exceptionPhoto,
    ['schema', 'signature'],
  ),
  rc('1197', 'RCAPTURE left slap without bioSubType', R.leftSlap, { bioSubType: [] }),
  rc('1198', 'RCAPTURE double iris without bioSubType', R.doubleIris, { bioSubType: [] }),
  rc('1199', 'RCAPTURE face without bioSubType', R.face),
  ac('1014', 'CAPTURE face', A.face),
  ac('1015', 'CAPTURE iris UNKNOWN', A.iris('UNKNOWN')),
  ac('1016', 'CAPTURE left iris', A.iris('Left')),
  ac('1017', 'CAPTURE right iris', A.iris('Right')),
  ac('1018', 'CAPTURE finger UNKNOWN', A.finger(['UNKNOWN'])),
  ac('1019', 'CAPTURE two fingers UNKNOWN', A.finger(['UNKNOWN', 'UNKNOWN'])),
  ac('1020', 'CAPTURE left index finger', A.finger(['Left IndexFinger'])),
  ac('1021', 'CAPTURE left index and middle fingers', A.finger(['Left IndexFinger', 'Left MiddleFinger'])),
  {
    ...ac('1058', 'CAPTURE ten fingers', A.finger(ALL_FINGERS), {
      requestedScore: 100,
      timeout: 'long',
    }),
    mandatedWaitMs: CTK_TIMEOUTS_MS.long,
  },
  {
    ...ac(
      '1059',
      'CAPTURE two irises',
      {
        ...A.iris('Left'),
        capture: cap({ deviceSubId: '0', count: 2, bioSubType: ['Left', 'Right'] }),
      },
      { requestedScore: 100, timeout: 'long' },
    ),
    mandatedWaitMs: CTK_TIMEOUTS_MS.long,
  },
  countCase('1030', 'CAPTURE count mismatch: 11 fingers', 'Auth', A.finger(['UNKNOWN']), 11),
  countCase('1031', 'CAPTURE count mismatch: 3 irises', 'Auth', A.iris('UNKNOWN'), 3),
  countCase('1032', 'CAPTURE count mismatch: 2 faces', 'Auth', A.face, 2),
  countCase('1033', 'RCAPTURE count mismatch: left slap 5', 'Registration', R.leftSlap, 5),
  countCase('1034', 'RCAPTURE count mismatch: right slap 5', 'Registration', R.rightSlap, 5),
  countCase('1035', 'RCAPTURE count mismatch: thumbs 3', 'Registration', R.thumbs, 3),
  countCase(
    '1036',
    'RCAPTURE count mismatch: left iris 2',
    'Registration',
    { ...R.doubleIris, capture: cap({ deviceSubId: '1', count: 1, bioSubType: [] }) },
    2,
  ),
  countCase(
    '1037',
    'RCAPTURE count mismatch: right iris 2',
    'Registration',
    { ...R.doubleIris, capture: cap({ deviceSubId: '2', count: 1, bioSubType: [] }) },
    2,
  ),
  countCase('1038', 'RCAPTURE count mismatch: both irises 3', 'Registration', R.doubleIris, 3),
  countCase('1039', 'RCAPTURE count mismatch: 2 faces', 'Registration', R.face, 2),
  noInput('1040', 'RCAPTURE timeout without input: face', 'Registration', R.face),
  noInput('1041', 'RCAPTURE timeout without input: double iris', 'Registration', R.doubleIris),
  noInput('1042', 'RCAPTURE timeout without input: left slap', 'Registration', R.leftSlap),
  noInput('1043', 'RCAPTURE timeout without input: right slap', 'Registration', R.rightSlap),
  noInput('1044', 'RCAPTURE timeout without input: thumbs', 'Registration', R.thumbs),
  noInput('1045', 'RCAPTURE timeout without input: exception photo', 'Registration', R.exceptionPhoto),
  noInput('1046', 'CAPTURE timeout without input: face', 'Auth', A.face),
  noInput('1047', 'CAPTURE timeout without input: iris', 'Auth', A.iris('UNKNOWN')),
  noInput('1048', 'CAPTURE timeout without input: finger', 'Auth', A.finger(['UNKNOWN'])),
  withInput('1049', 'RCAPTURE timeout with input: face', 'Registration', R.face),
  withInput('1050', 'RCAPTURE timeout with input: double iris', 'Registration', R.doubleIris),
  withInput('1051', 'RCAPTURE timeout with input: left slap', 'Registration', R.leftSlap),
  withInput('1052', 'RCAPTURE timeout with input: right slap', 'Registration', R.rightSlap),
  withInput('1053', 'RCAPTURE timeout with input: thumbs', 'Registration', R.thumbs),
  withInput('1054', 'RCAPTURE timeout with input: exception photo', 'Registration', R.exceptionPhoto),
  withInput('1055', 'CAPTURE timeout with input: face', 'Auth', A.face),
  withInput('1056', 'CAPTURE timeout with input: iris', 'Auth', A.iris('UNKNOWN')),
  withInput('1057', 'CAPTURE timeout with input: finger', 'Auth', A.finger(['UNKNOWN'])),
  isoCase('1062', 'ISO 19794: left slap', 'Registration', R.leftSlap),
  isoCase('1063', 'ISO 19794: right slap', 'Registration', R.rightSlap),
  isoCase('1064', 'ISO 19794: double iris', 'Registration', R.doubleIris),
  isoCase('1065', 'ISO 19794: face', 'Registration', R.face),
  isoCase('1066', 'ISO 19794: face', 'Auth', A.face),
  isoCase('1067', 'ISO 19794: left iris', 'Auth', A.iris('Left')),
  isoCase('1068', 'ISO 19794: right iris', 'Auth', A.iris('Right')),
  isoCase('1069', 'ISO 19794: finger', 'Auth', A.finger(['UNKNOWN'])),
  timeCase('1083', 'Time check: left slap', 'Registration', R.leftSlap),
  timeCase('1084', 'Time check: right slap', 'Registration', R.rightSlap),
  timeCase('1085', 'Time check: double iris', 'Registration', R.doubleIris),
  timeCase('1086', 'Time check: face', 'Registration', R.face),
  timeCase('1087', 'Time check: face', 'Auth', A.face),
  timeCase('1088', 'Time check: left iris', 'Auth', A.iris('Left')),
  timeCase('1089', 'Time check: right iris', 'Auth', A.iris('Right')),
  timeCase('1090', 'Time check: finger', 'Auth', A.finger(['UNKNOWN'])),
  txnCase('1091', 'CAPTURE invalid transaction id: face', 'Auth', A.face),
  txnCase('1092', 'CAPTURE invalid transaction id: left iris', 'Auth', A.iris('Left')),
  txnCase('1093', 'CAPTURE invalid transaction id: finger', 'Auth', A.finger(['UNKNOWN'])),
  txnCase('1108', 'RCAPTURE invalid transaction id: left slap', 'Registration', R.leftSlap),
  txnCase('1109', 'RCAPTURE invalid transaction id: right slap', 'Registration', R.rightSlap),
  txnCase('1110', 'RCAPTURE invalid transaction id: double iris', 'Registration', R.doubleIris),
  txnCase('1111', 'RCAPTURE invalid transaction id: face', 'Registration', R.face),
  invalidRequest('1094', 'env'),
  invalidRequest('1095', 'timeout'),
  invalidRequest('1096', 'specVersion'),
  invalidRequest('1097', 'purpose'),
  invalidRequest('1098', 'bio'),
  invalidRequest('1099', 'bio[0].count'),
  invalidRequest('1100', 'bio[0].deviceSubId'),
  hashCase('1101', 'Hash chain: left slap', 'Registration', R.leftSlap),
  hashCase('1102', 'Hash chain: face', 'Registration', R.face),
  hashCase('1103', 'Hash chain: right slap', 'Registration', R.rightSlap),
  hashCase('1104', 'Hash chain: double iris', 'Registration', R.doubleIris),
  hashCase('1105', 'Hash chain: face', 'Auth', A.face),
  hashCase('1106', 'Hash chain: iris', 'Auth', A.iris('UNKNOWN')),
  hashCase('1107', 'Hash chain: finger', 'Auth', A.finger(['UNKNOWN'])),
];
