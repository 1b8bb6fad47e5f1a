/**
 * Just enough of JPEG 2000 (ISO/IEC 15444-1) to describe an image without decoding it: the JP2
 * box structure (signature, then the `jp2c` box holding the codestream), and in the codestream's
 * main header the SIZ marker (size, components, bit depth) and the COD marker (reversible 5/3
 * wavelet = lossless, irreversible 9/7 = lossy). The virtual device uses it to fill ISO 19794
 * headers from the image itself, so declared and actual dimensions cannot drift apart.
 */
export interface J2kInfo {
  container: 'jp2' | 'j2k';
  width: number;
  height: number;
  components: number;
  bitDepth: number;
  /** true when the COD marker selects the reversible 5/3 transform. */
  reversible: boolean;
  /** Offset of the codestream (SOC) within the given bytes. */
  codestreamOffset: number;
}

const JP2_SIGNATURE = Buffer.from('0000000c6a5020200d0a870a', 'hex');
const SOC = 0xff4f;
const SIZ = 0xff51;
const COD = 0xff52;
const SOT = 0xff90;

export class J2kFormatError extends Error {
  override name = 'J2kFormatError';
}

/** Finds the codestream in a JP2 file (or accepts a bare codestream) and reads SIZ and COD. */
export function readJ2kInfo(bytes: Uint8Array): J2kInfo {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 2 && b.readUInt16BE(0) === SOC) return { container: 'j2k', ...readCodestream(b, 0) };
  if (b.length < JP2_SIGNATURE.length || !b.subarray(0, JP2_SIGNATURE.length).equals(JP2_SIGNATURE)) {
    throw new J2kFormatError('neither a JP2 file (signature box) nor a J2K codestream (SOC)');
  }
  let at = 0;
  while (at + 8 <= b.length) {
    let length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (length === 1) {
      if (at + 16 > b.length) break;
      length = Number(b.readBigUInt64BE(at + 8));
      header = 16;
    } else if (length === 0) length = b.length - at; // the last box runs to the end of the file
    if (length < header || at + length > b.length)
      throw new J2kFormatError(`box ${JSON.stringify(type)} overruns the file`);
    if (type === 'jp2c') return { container: 'jp2', ...readCodestream(b, at + header) };
    at += length;
  }
  throw new J2kFormatError('JP2 file has no codestream (jp2c) box');
}

function readCodestream(b: Buffer, start: number): Omit<J2kInfo, 'container'> {
  if (start + 4 > b.length || b.readUInt16BE(start) !== SOC)
    throw new J2kFormatError('codestream does not start with SOC (FF4F)');
  if (b.readUInt16BE(start + 2) !== SIZ) throw new J2kFormatError('SIZ (FF51) must follow SOC');
  let at = start + 2;
  let siz: Pick<J2kInfo, 'width' | 'height' | 'components' | 'bitDepth'> | null = null;
  let reversible: boolean | null = null;
  // Walk the main header's marker segments until the first tile-part (SOT).
  while (at + 4 <= b.length) {
    const marker = b.readUInt16BE(at);
    if (marker === SOT) break;
    const length = b.readUInt16BE(at + 2);
    if ((marker & 0xff00) !== 0xff00 || length < 2 || at + 2 + length > b.length)
      throw new J2kFormatError(`bad marker segment at ${at}`);
    const seg = at + 4;
    if (marker === SIZ) {
      if (length < 41) throw new J2kFormatError('SIZ segment too short');
      const xsiz = b.readUInt32BE(seg + 2);
      const ysiz = b.readUInt32BE(seg + 6);
      const xo = b.readUInt32BE(seg + 10);
      const yo = b.readUInt32BE(seg + 14);
      const components = b.readUInt16BE(seg + 34);
      if (components < 1 || length < 38 + 3 * components)
        throw new J2kFormatError('SIZ component list is inconsistent');
      siz = {
        width: xsiz - xo,
        height: ysiz - yo,
        components,
        bitDepth: (b.readUInt8(seg + 36) & 0x7f) + 1,
      };
    } else if (marker === COD) {
      if (length < 12) throw new J2kFormatError('COD segment too short');
      // Scod(1) SGcod(4: progression, layers×2, MCT) SPcod: levels, cb width, cb height, cb style, transform.
      reversible = b.readUInt8(seg + 9) === 1;
    }
    at += 2 + length;
  }
  if (!siz) throw new J2kFormatError('no SIZ marker in the main header');
  if (reversible === null) throw new J2kFormatError('no COD marker in the main header');
  if (siz.width < 1 || siz.height < 1 || siz.width > 0xffff || siz.height > 0xffff)
    throw new J2kFormatError('image size out of range');
  return { ...siz, reversible, codestreamOffset: start };
}
