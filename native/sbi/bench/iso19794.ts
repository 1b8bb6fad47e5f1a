/**
 * ISO/IEC 19794-4/-5/-6 (2011) record parsing for the bench's header checks (sbi.md §6). Field
 * layouts follow the 2011 editions as MOSIP's biometrics-util reads them (big-endian throughout).
 * A record is untrusted device output: every read is bounds-checked and a short or inconsistent
 * record is an IsoParseError naming the field, never an exception from Buffer.
 */
import type {
  CaptureDateTime,
  CommonHeader,
  FaceRecord,
  FaceRepresentation,
  FingerRecord,
  FingerRepresentation,
  IrisRecord,
  IrisRepresentation,
  IsoRecord,
  Landmark,
  Modality,
  QualityBlock,
} from './iso19794-types.ts';

export type * from './iso19794-types.ts';

export class IsoParseError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'IsoParseError';
  }
}

/** Representations read per record at most; the CTK requires exactly one. */
const MAX_REPRESENTATIONS = 16;

class Reader {
  pos = 0;
  constructor(
    readonly buf: Buffer,
    readonly end = buf.length,
  ) {}
  private need(n: number, field: string): void {
    if (this.pos + n > this.end)
      throw new IsoParseError(
        field,
        `${field}: record ends at byte ${this.end}, ${n} more byte(s) needed at ${this.pos}`,
      );
  }
  u8(field: string): number {
    this.need(1, field);
    return this.buf.readUInt8(this.pos++);
  }
  u16(field: string): number {
    this.need(2, field);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u24(field: string): number {
    return (this.u8(field) << 16) | this.u16(field);
  }
  u32(field: string): number {
    this.need(4, field);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  bytes(n: number, field: string): Buffer {
    this.need(n, field);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}

/** Format identifier and version of each part, as the 4 ASCII bytes (NUL shown as \0). */
export const ISO_FORMATS: Record<Modality, { formatId: string; version: string; part: string }> = {
  Finger: { formatId: 'FIR\0', version: '020\0', part: 'ISO 19794-4:2011' },
  Iris: { formatId: 'IIR\0', version: '020\0', part: 'ISO 19794-6:2011' },
  Face: { formatId: 'FAC\0', version: '030\0', part: 'ISO 19794-5:2011' },
};

function commonHeader(r: Reader): Pick<CommonHeader, 'formatId' | 'version' | 'recordLength' | 'actualLength'> {
  return {
    formatId: r.bytes(4, 'format identifier').toString('latin1'),
    version: r.bytes(4, 'version number').toString('latin1'),
    recordLength: r.u32('record length'),
    actualLength: r.buf.length,
  };
}

function dateTime(r: Reader): CaptureDateTime {
  return {
    year: r.u16('capture year'),
    month: r.u8('capture month'),
    day: r.u8('capture day'),
    hour: r.u8('capture hour'),
    minute: r.u8('capture minute'),
    second: r.u8('capture second'),
    millisecond: r.u16('capture millisecond'),
  };
}

function qualityBlocks(r: Reader): QualityBlock[] {
  const n = r.u8('number of quality blocks');
  return Array.from({ length: n }, () => ({
    score: r.u8('quality score'),
    algorithmVendorId: r.u16('quality algorithm vendor'),
    algorithmId: r.u16('quality algorithm id'),
  }));
}

/** Reads representations one after the other, each confined to its declared length. */
function representations<T>(r: Reader, count: number, read: (rr: Reader, length: number) => T): T[] {
  if (count > MAX_REPRESENTATIONS)
    throw new IsoParseError(
      'number of representations',
      `number of representations: ${count} is more than the ${MAX_REPRESENTATIONS} the bench reads`,
    );
  const out: T[] = [];
  for (let i = 0; i < count; i++) {
    const start = r.pos;
    const length = r.u32('representation length');
    if (length < 4 || start + length > r.buf.length)
      throw new IsoParseError(
        'representation length',
        `representation length: ${length} does not fit in the ${r.buf.length - start} byte(s) left`,
      );
    const rr = new Reader(r.buf, start + length);
    rr.pos = r.pos;
    out.push(read(rr, length));
    r.pos = start + length; // extended data blocks after the image stay unread
  }
  return out;
}

function imageData(r: Reader): Buffer {
  const n = r.u32('image data length');
  return r.bytes(n, 'image data');
}

export function parseFingerRecord(buf: Buffer): FingerRecord {
  const r = new Reader(buf);
  const head = commonHeader(r);
  const representationCount = r.u16('number of representations');
  const certificationFlag = r.u8('certification flag');
  const fingerCount = r.u8('number of finger positions');
  const reps = representations(r, representationCount, (rr, representationLength): FingerRepresentation => {
    const captureDateTime = dateTime(rr);
    const deviceTechnology = rr.u8('capture device technology');
    const deviceVendorId = rr.u16('capture device vendor');
    const deviceTypeId = rr.u16('capture device type');
    const quality = qualityBlocks(rr);
    const certifications: FingerRepresentation['certifications'] = [];
    if (certificationFlag === 1) {
      const n = rr.u8('number of certification blocks');
      for (let i = 0; i < n; i++)
        certifications.push({
          authorityId: rr.u16('certification authority id'),
          schemeId: rr.u8('certification scheme id'),
        });
    }
    return {
      representationLength,
      captureDateTime,
      deviceTechnology,
      deviceVendorId,
      deviceTypeId,
      quality,
      certifications,
      position: rr.u8('finger position'),
      representationNumber: rr.u8('representation number'),
      scaleUnits: rr.u8('scale units'),
      scanResolution: {
        h: rr.u16('scan spatial sampling rate (h)'),
        v: rr.u16('scan spatial sampling rate (v)'),
      },
      imageResolution: {
        h: rr.u16('image spatial sampling rate (h)'),
        v: rr.u16('image spatial sampling rate (v)'),
      },
      bitDepth: rr.u8('bit depth'),
      compression: rr.u8('image compression algorithm'),
      impressionType: rr.u8('impression type'),
      width: rr.u16('horizontal line length'),
      height: rr.u16('vertical line length'),
      imageData: imageData(rr),
    };
  });
  return {
    kind: 'Finger',
    ...head,
    representationCount,
    certificationFlag,
    fingerCount,
    representations: reps,
  };
}

export function parseIrisRecord(buf: Buffer): IrisRecord {
  const r = new Reader(buf);
  const head = commonHeader(r);
  const representationCount = r.u16('number of representations');
  const certificationFlag = r.u8('certification flag');
  const eyesPresent = r.u8('number of eyes represented');
  const reps = representations(r, representationCount, (rr, representationLength): IrisRepresentation => {
    const captureDateTime = dateTime(rr);
    const deviceTechnology = rr.u8('capture device technology');
    const deviceVendorId = rr.u16('capture device vendor');
    const deviceTypeId = rr.u16('capture device type');
    const quality = qualityBlocks(rr);
    const representationNumber = rr.u16('representation number');
    const eyeLabel = rr.u8('eye label');
    const imageType = rr.u8('image type');
    const imageFormat = rr.u8('image format');
    const props = rr.u8('image properties');
    return {
      representationLength,
      captureDateTime,
      deviceTechnology,
      deviceVendorId,
      deviceTypeId,
      quality,
      representationNumber,
      eyeLabel,
      imageType,
      imageFormat,
      horizontalOrientation: props & 0x03,
      verticalOrientation: (props >> 2) & 0x03,
      compression: (props >> 6) & 0x03,
      width: rr.u16('image width'),
      height: rr.u16('image height'),
      bitDepth: rr.u8('bit depth'),
      range: rr.u16('range'),
      rollAngle: rr.u16('roll angle of eye'),
      rollAngleUncertainty: rr.u16('roll angle uncertainty'),
      irisGeometry: IRIS_GEOMETRY.map((f) => rr.u16(f)),
      imageData: imageData(rr),
    };
  });
  return {
    kind: 'Iris',
    ...head,
    representationCount,
    certificationFlag,
    eyesPresent,
    representations: reps,
  };
}

/** Iris centre (smallest/largest x and y) and diameter (smallest/largest): 16-bit fields, any value. */
const IRIS_GEOMETRY = [
  'iris centre smallest x',
  'iris centre largest x',
  'iris centre smallest y',
  'iris centre largest y',
  'iris diameter smallest',
  'iris diameter largest',
];

export function parseFaceRecord(buf: Buffer): FaceRecord {
  const r = new Reader(buf);
  const head = commonHeader(r);
  const representationCount = r.u16('number of representations');
  const certificationFlag = r.u8('certification flag');
  const temporalSemantics = r.u16('temporal semantics');
  const reps = representations(r, representationCount, (rr, representationLength): FaceRepresentation => {
    const captureDateTime = dateTime(rr);
    const deviceTechnology = rr.u8('capture device technology');
    const deviceVendorId = rr.u16('capture device vendor');
    const deviceTypeId = rr.u16('capture device type');
    const quality = qualityBlocks(rr);
    const landmarkCount = rr.u16('number of landmark points');
    const info = {
      gender: rr.u8('gender'),
      eyeColour: rr.u8('eye colour'),
      hairColour: rr.u8('hair colour'),
      subjectHeight: rr.u8('subject height'),
      featureMask: rr.u24('property mask'),
      expressionMask: rr.u16('expression'),
      poseAngle: [rr.u8('pose angle yaw'), rr.u8('pose angle pitch'), rr.u8('pose angle roll')] as [
        number,
        number,
        number,
      ],
      poseAngleUncertainty: [
        rr.u8('pose uncertainty yaw'),
        rr.u8('pose uncertainty pitch'),
        rr.u8('pose uncertainty roll'),
      ] as [number, number, number],
    };
    const landmarks = Array.from({ length: landmarkCount }, (): Landmark => ({
      type: rr.u8('landmark type'),
      code: rr.u8('landmark code'),
      x: rr.u16('landmark x'),
      y: rr.u16('landmark y'),
      z: rr.u16('landmark z'),
    }));
    return {
      representationLength,
      captureDateTime,
      deviceTechnology,
      deviceVendorId,
      deviceTypeId,
      quality,
      ...info,
      landmarks,
      faceImageType: rr.u8('face image type'),
      imageDataType: rr.u8('image data type'),
      width: rr.u16('width'),
      height: rr.u16('height'),
      spatialSamplingRateLevel: rr.u8('spatial sampling rate level'),
      postAcquisitionProcessing: rr.u16('post-acquisition processing'),
      crossReference: rr.u8('cross reference'),
      colourSpace: rr.u8('image colour space'),
      // 3D face types (0x80–0x82) carry a 3D block here; MOSIP captures 2D only and the bench reads the 2D layout.
      imageData: imageData(rr),
    };
  });
  return {
    kind: 'Face',
    ...head,
    representationCount,
    certificationFlag,
    temporalSemantics,
    representations: reps,
  };
}

export function parseIsoRecord(modality: Modality, buf: Buffer): IsoRecord {
  if (modality === 'Finger') return parseFingerRecord(buf);
  if (modality === 'Iris') return parseIrisRecord(buf);
  return parseFaceRecord(buf);
}
