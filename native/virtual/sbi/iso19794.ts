/**
 * ISO/IEC 19794-4/-5/-6:2011 records, one representation each, as MOSIP's biometrics-util reads
 * them and the CTK's ISOStandardsValidator checks them (sbi.md §6): big-endian headers, a 9-byte
 * UTC capture date/time, one quality block, the image as a JPEG 2000 file. Width, height and the
 * lossless/lossy choice come from the image's own codestream (jp2.ts), never from a second source.
 */
import type { J2kInfo } from './jp2.ts';

export type IsoPurpose = 'Registration' | 'Auth';

class ByteWriter {
  private readonly parts: Buffer[] = [];
  u8(v: number): this {
    this.parts.push(Buffer.from([v & 0xff]));
    return this;
  }
  u16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(v & 0xffff);
    this.parts.push(b);
    return this;
  }
  u32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0);
    this.parts.push(b);
    return this;
  }
  ascii(s: string): this {
    this.parts.push(Buffer.from(s, 'latin1'));
    return this;
  }
  bytes(b: Uint8Array): this {
    this.parts.push(Buffer.from(b));
    return this;
  }
  /** Capture date and time, UTC: year(2) month day hour minute second (1 each) millisecond(2). */
  dateTime(d: Date): this {
    return this.u16(d.getUTCFullYear())
      .u8(d.getUTCMonth() + 1)
      .u8(d.getUTCDate())
      .u8(d.getUTCHours())
      .u8(d.getUTCMinutes())
      .u8(d.getUTCSeconds())
      .u16(d.getUTCMilliseconds());
  }
  /** One quality block: score, then algorithm vendor and algorithm id (0 = unspecified). */
  quality(score: number): this {
    return this.u8(Math.max(0, Math.min(100, Math.round(score))))
      .u16(0)
      .u16(0);
  }
  get length(): number {
    return this.parts.reduce((n, p) => n + p.length, 0);
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export interface ImageInput {
  /** The JP2 file as stored in the record's image data block. */
  image: Uint8Array;
  info: J2kInfo;
}

interface Common extends ImageInput {
  purpose: IsoPurpose;
  captureTime: Date;
  /** 0–100, written into the quality block. */
  quality: number;
}

function requireCodec(info: J2kInfo, purpose: IsoPurpose): void {
  // Registration needs lossless JPEG 2000, Auth lossy (sbi.md §6): a mismatch is a programming error.
  if ((purpose === 'Registration') !== info.reversible) {
    throw new RangeError(`${purpose} records need ${purpose === 'Registration' ? 'lossless' : 'lossy'} JPEG 2000`);
  }
}

/** Finger positions of ISO 19794-4 (0 = unknown), keyed by MOSIP's bioSubType names. */
export const FINGER_POSITION: Readonly<Record<string, number>> = {
  UNKNOWN: 0,
  'Right Thumb': 1,
  'Right IndexFinger': 2,
  'Right MiddleFinger': 3,
  'Right RingFinger': 4,
  'Right LittleFinger': 5,
  'Left Thumb': 6,
  'Left IndexFinger': 7,
  'Left MiddleFinger': 8,
  'Left RingFinger': 9,
  'Left LittleFinger': 10,
};

/** ISO 19794-4:2011, one finger (Annex B1/B2 profile: 500 ppi, 8-bit grey). */
export function fingerRecord(o: Common & { position: number }): Buffer {
  requireCodec(o.info, o.purpose);
  if (o.info.components !== 1 || o.info.bitDepth !== 8) throw new RangeError('finger images are 8-bit grey');
  const rep = new ByteWriter()
    .u32(42 + 4 + o.image.length) // representation length: header (42 with one quality block) + image block
    .dateTime(o.captureTime)
    .u8(0) // capture device technology: unspecified
    .u16(0) // vendor
    .u16(0) // device type (0 needs vendor 0)
    .u8(1)
    .quality(o.quality)
    .u8(o.position)
    .u8(0) // representation number
    .u8(1) // scale units: pixels per inch
    .u16(500)
    .u16(500) // capture device sampling rate
    .u16(500)
    .u16(500) // image sampling rate
    .u8(8) // bit depth
    .u8(o.purpose === 'Registration' ? 0x05 : 0x04) // JPEG 2000 lossless / lossy
    .u8(0) // impression: live-scan plain
    .u16(o.info.width)
    .u16(o.info.height)
    .u32(o.image.length)
    .bytes(o.image);
  const header = new ByteWriter()
    .ascii('FIR\0')
    .ascii('020\0')
    .u32(16 + rep.length)
    .u16(1)
    .u8(0)
    .u8(1);
  return Buffer.concat([header.done(), rep.done()]);
}

/** ISO 19794-6:2011 eye labels. */
export const EYE_LABEL: Readonly<Record<string, number>> = { UNKNOWN: 0, Right: 1, Left: 2 };

/** ISO 19794-6:2011, one eye: K3 cropped (Registration) or K7 cropped and masked (Auth). */
export function irisRecord(o: Common & { eyeLabel: number; irisDiameter: number }): Buffer {
  requireCodec(o.info, o.purpose);
  if (o.info.components !== 1 || o.info.bitDepth !== 8) throw new RangeError('iris images are 8-bit grey');
  const cx = Math.floor(o.info.width / 2);
  const cy = Math.floor(o.info.height / 2);
  // Image properties: horizontal (bits 1-2) and vertical (3-4) orientation "base" (1), compression in bits 7-8.
  const properties = 1 | (1 << 2) | ((o.purpose === 'Registration' ? 1 : 2) << 6);
  const rep = new ByteWriter()
    .u32(53 + 4 + o.image.length)
    .dateTime(o.captureTime)
    .u8(0) // capture device technology: unspecified
    .u16(0)
    .u16(0)
    .u8(1)
    .quality(o.quality)
    .u16(1) // representation number
    .u8(o.eyeLabel)
    .u8(o.purpose === 'Registration' ? 0x03 : 0x07) // K3 cropped / K7 cropped and masked
    .u8(0x0a) // monochrome JPEG 2000
    .u8(properties)
    .u16(o.info.width)
    .u16(o.info.height)
    .u8(8)
    .u16(0) // range: unassigned
    .u16(0xffff) // roll angle: undefined
    .u16(0xffff) // roll angle uncertainty: undefined
    .u16(cx)
    .u16(cx)
    .u16(cy)
    .u16(cy)
    .u16(o.irisDiameter)
    .u16(o.irisDiameter)
    .u32(o.image.length)
    .bytes(o.image);
  const header = new ByteWriter()
    .ascii('IIR\0')
    .ascii('020\0')
    .u32(16 + rep.length)
    .u16(1)
    .u8(0)
    .u8(1);
  return Buffer.concat([header.done(), rep.done()]);
}

/** ISO 19794-5:2011, one 2D face image in 24-bit RGB. */
export function faceRecord(o: Common & { exceptionPhoto?: boolean }): Buffer {
  requireCodec(o.info, o.purpose);
  if (o.info.components !== 3 || o.info.bitDepth !== 8) throw new RangeError('face images are 24-bit RGB');
  const rep = new ByteWriter()
    .u32(52 + 4 + o.image.length)
    .dateTime(o.captureTime)
    .u8(0) // capture device technology: unknown
    .u16(0)
    .u16(0)
    .u8(1)
    .quality(o.quality)
    // Facial information: no landmarks, gender/eye/hair/height unspecified, no feature or expression flags, pose unspecified.
    .u16(0)
    .u8(0) // gender
    .u8(0) // eye colour
    .u8(0) // hair colour
    .u8(0) // subject height
    .u8(0)
    .u16(0) // feature mask (3 bytes)
    .u16(0) // expression
    .u8(0)
    .u8(0)
    .u8(0) // pose angles
    .u8(0)
    .u8(0)
    .u8(0) // pose uncertainties
    // Image information.
    .u8(o.exceptionPhoto ? 0x00 : 0x01) // basic (exception photo) / full frontal
    .u8(o.purpose === 'Registration' ? 0x02 : 0x01) // JPEG 2000 lossless / lossy
    .u16(o.info.width)
    .u16(o.info.height)
    .u8(0) // spatial sampling rate level
    .u16(0) // no post-acquisition processing
    .u8(0) // cross reference
    .u8(0x01) // colour space: RGB 24 bit
    .u32(o.image.length)
    .bytes(o.image);
  const header = new ByteWriter()
    .ascii('FAC\0')
    .ascii('030\0')
    .u32(17 + rep.length)
    .u16(1)
    .u8(0)
    .u16(0);
  return Buffer.concat([header.done(), rep.done()]);
}
