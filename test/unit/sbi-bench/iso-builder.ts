/**
 * Hand-built ISO 19794 (2011) records for the bench's parser tests, written from the field tables
 * independently of the virtual device's builder. Every field can be overridden to make a record
 * wrong in exactly one way.
 */

export interface J2kSpec {
  width: number;
  height: number;
  components?: number;
  bitDepth?: number;
  reversible?: boolean;
  /** Bytes of tile data after the main header (so the compression ratio can be chosen). */
  payload?: number;
  omitCod?: boolean;
}

const u16 = (v: number) => Buffer.from([(v >> 8) & 0xff, v & 0xff]);
const u32 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b;
};
const marker = (code: number, body: Buffer) => Buffer.concat([u16(code), u16(body.length + 2), body]);

/** A bare JPEG 2000 codestream: SOC, SIZ, COD, QCD, one tile part of filler, EOC. */
export function j2k(s: J2kSpec): Buffer {
  const comps = s.components ?? 1;
  const depth = (s.bitDepth ?? 8) - 1;
  const siz = Buffer.concat([
    u16(0),
    u32(s.width),
    u32(s.height),
    u32(0),
    u32(0),
    u32(s.width),
    u32(s.height),
    u32(0),
    u32(0),
    u16(comps),
    ...Array.from({ length: comps }, () => Buffer.from([depth, 1, 1])),
  ]);
  const cod = Buffer.from([0, 0, 0, 1, 0, 5, 4, 4, 0, s.reversible === false ? 0 : 1]);
  const qcd = Buffer.from([0x22, 0x48]);
  const payload = Buffer.alloc(s.payload ?? 64, 0x5a);
  const sot = marker(0xff90, Buffer.concat([u16(0), u32(12 + 2 + payload.length), Buffer.from([0, 1])]));
  return Buffer.concat([
    u16(0xff4f),
    marker(0xff51, siz),
    ...(s.omitCod ? [] : [marker(0xff52, cod)]),
    marker(0xff5c, qcd),
    sot,
    u16(0xff93),
    payload,
    u16(0xffd9),
  ]);
}

const box = (type: string, body: Buffer) => Buffer.concat([u32(body.length + 8), Buffer.from(type, 'latin1'), body]);

/** A JP2 file around a codestream: signature, ftyp, jp2h/ihdr, jp2c. */
export function jp2(codestream: Buffer, width: number, height: number, components = 1): Buffer {
  const ihdr = box('ihdr', Buffer.concat([u32(height), u32(width), u16(components), Buffer.from([7, 7, 0, 0])]));
  return Buffer.concat([
    box('jP  ', Buffer.from('0d0a870a', 'hex')),
    box('ftyp', Buffer.from('jp2 \0\0\0\0jp2 ', 'latin1')),
    box('jp2h', ihdr),
    box('jp2c', codestream),
  ]);
}

/** A WSQ stream head: SOI, a comment, the frame header (height, width). */
export function wsq(width: number, height: number, payload = 64): Buffer {
  const com = marker(0xffa8, Buffer.from('NIST_COM', 'latin1'));
  const sof = marker(
    0xffa2,
    Buffer.concat([
      Buffer.from([0, 255]),
      u16(height),
      u16(width),
      Buffer.from([0]),
      u16(0),
      Buffer.from([0]),
      u16(0),
      Buffer.from([2]),
      u16(0),
    ]),
  );
  return Buffer.concat([u16(0xffa0), com, sof, Buffer.alloc(payload, 1), u16(0xffa1)]);
}

const dateTime = (d = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6))) =>
  Buffer.concat([
    u16(d.getUTCFullYear()),
    Buffer.from([d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]),
    u16(d.getUTCMilliseconds()),
  ]);

/** Wraps a representation body with its 4-byte length. */
const representation = (body: Buffer) => Buffer.concat([u32(body.length + 4), body]);

export interface FingerSpec {
  formatId?: string;
  version?: string;
  recordLengthDelta?: number;
  representations?: number;
  certificationFlag?: number;
  fingerCount?: number;
  dateTime?: Buffer;
  technology?: number;
  qualityScores?: number[];
  position?: number;
  representationNumber?: number;
  scaleUnits?: number;
  scan?: [number, number];
  image?: [number, number];
  bitDepth?: number;
  compression?: number;
  impression?: number;
  width?: number;
  height?: number;
  imageData?: Buffer;
}

export function fingerRecord(s: FingerSpec = {}): Buffer {
  const width = s.width ?? 40;
  const height = s.height ?? 60;
  const image = s.imageData ?? jp2(j2k({ width, height, payload: 600 }), width, height);
  const quality = s.qualityScores ?? [60];
  const body = Buffer.concat([
    s.dateTime ?? dateTime(),
    Buffer.from([s.technology ?? 0]),
    u16(0),
    u16(0),
    Buffer.from([quality.length]),
    ...quality.map((q) => Buffer.concat([Buffer.from([q]), u16(0x0f), u16(0x01)])),
    ...((s.certificationFlag ?? 0) === 1 ? [Buffer.from([1]), u16(1), Buffer.from([1])] : []),
    Buffer.from([s.position ?? 7, s.representationNumber ?? 0, s.scaleUnits ?? 1]),
    u16(s.scan?.[0] ?? 500),
    u16(s.scan?.[1] ?? 500),
    u16(s.image?.[0] ?? 500),
    u16(s.image?.[1] ?? 500),
    Buffer.from([s.bitDepth ?? 8, s.compression ?? 5, s.impression ?? 0x1d]),
    u16(width),
    u16(height),
    u32(image.length),
    image,
  ]);
  const reps = Array.from({ length: s.representations ?? 1 }, () => representation(body));
  const total = 16 + reps.reduce((n, r) => n + r.length, 0);
  return Buffer.concat([
    Buffer.from(s.formatId ?? 'FIR\0', 'latin1'),
    Buffer.from(s.version ?? '020\0', 'latin1'),
    u32(total + (s.recordLengthDelta ?? 0)),
    u16(s.representations ?? 1),
    Buffer.from([s.certificationFlag ?? 0, s.fingerCount ?? 1]),
    ...reps,
  ]);
}

export interface IrisSpec {
  eyeLabel?: number;
  imageType?: number;
  imageFormat?: number;
  compression?: number;
  orientation?: [number, number];
  bitDepth?: number;
  technology?: number;
  representationNumber?: number;
  width?: number;
  height?: number;
  imageData?: Buffer;
  eyes?: number;
}

export function irisRecord(s: IrisSpec = {}): Buffer {
  const width = s.width ?? 64;
  const height = s.height ?? 48;
  const image =
    s.imageData ?? jp2(j2k({ width, height, reversible: (s.compression ?? 1) === 1, payload: 800 }), width, height);
  const props =
    ((s.orientation?.[0] ?? 1) & 3) | (((s.orientation?.[1] ?? 1) & 3) << 2) | (((s.compression ?? 1) & 3) << 6);
  const body = Buffer.concat([
    dateTime(),
    Buffer.from([s.technology ?? 1]),
    u16(0),
    u16(0),
    Buffer.from([1, 70]),
    u16(0),
    u16(0),
    u16(s.representationNumber ?? 1),
    Buffer.from([s.eyeLabel ?? 1, s.imageType ?? 3, s.imageFormat ?? 0x0a, props]),
    u16(width),
    u16(height),
    Buffer.from([s.bitDepth ?? 8]),
    u16(0),
    u16(0),
    u16(0),
    u16(10),
    u16(20),
    u16(10),
    u16(20),
    u16(30),
    u16(40),
    u32(image.length),
    image,
  ]);
  const rep = representation(body);
  return Buffer.concat([
    Buffer.from('IIR\x00020\x00', 'latin1'),
    u32(16 + rep.length),
    u16(1),
    Buffer.from([0, s.eyes ?? 1]),
    rep,
  ]);
}

export interface FaceSpec {
  dataType?: number;
  colourSpace?: number;
  faceImageType?: number;
  gender?: number;
  eyeColour?: number;
  landmarks?: number;
  samplingLevel?: number;
  technology?: number;
  width?: number;
  height?: number;
  imageData?: Buffer;
  version?: string;
}

export function faceRecord(s: FaceSpec = {}): Buffer {
  const width = s.width ?? 48;
  const height = s.height ?? 64;
  const image =
    s.imageData ??
    jp2(j2k({ width, height, components: 3, reversible: (s.dataType ?? 2) === 2, payload: 2000 }), width, height, 3);
  const landmarks = Array.from({ length: s.landmarks ?? 2 }, (_, i) =>
    Buffer.concat([Buffer.from([1, 0x31 + i]), u16(10 + i), u16(20), u16(0)]),
  );
  const body = Buffer.concat([
    dateTime(),
    Buffer.from([s.technology ?? 1]),
    u16(0),
    u16(0),
    Buffer.from([0]),
    u16(landmarks.length),
    Buffer.from([s.gender ?? 1, s.eyeColour ?? 2, 3, 0, 0, 0, 1]),
    u16(0),
    Buffer.from([0, 0, 0, 0, 0, 0]),
    ...landmarks,
    Buffer.from([s.faceImageType ?? 1, s.dataType ?? 2]),
    u16(width),
    u16(height),
    Buffer.from([s.samplingLevel ?? 2]),
    u16(0),
    Buffer.from([0, s.colourSpace ?? 1]),
    u32(image.length),
    image,
  ]);
  const rep = representation(body);
  return Buffer.concat([
    Buffer.from(`FAC\0${s.version ?? '030\0'}`, 'latin1'),
    u32(17 + rep.length),
    u16(1),
    Buffer.from([0]),
    u16(0),
    rep,
  ]);
}
