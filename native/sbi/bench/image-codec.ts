/**
 * Reads the headers of the image inside an ISO 19794 record: a JPEG 2000 file (JP2 boxes) or bare
 * codestream (J2K), or a WSQ stream. The bench has no JPEG 2000/WSQ decoder, so "decodable as the
 * declared codec" is checked structurally: the signature, the image size and component layout from
 * the codestream's SIZ (or WSQ's SOF) marker, and for JPEG 2000 the wavelet transform from COD
 * (5/3 reversible = lossless, 9/7 irreversible = lossy). Bounds-checked; a bad stream is a reason.
 */

export interface ImageHeader {
  codec: 'JPEG2000' | 'WSQ';
  width: number;
  height: number;
  components: number;
  /** Bits per sample of the first component. */
  bitDepth: number;
  /** JPEG 2000 only: true for the 5/3 reversible transform (lossless), false for 9/7. */
  reversible?: boolean;
}

export type ImageProbe = { ok: true; header: ImageHeader } | { ok: false; reason: string };

const JP2_SIGNATURE = Buffer.from('0000000c6a5020200d0a870a', 'hex');
const bad = (reason: string): ImageProbe => ({ ok: false, reason });

export function probeImage(data: Buffer): ImageProbe {
  if (data.length >= 12 && data.subarray(0, 12).equals(JP2_SIGNATURE)) return probeJp2(data);
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0x4f) return probeCodestream(data, 0, data.length);
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xa0) return probeWsq(data);
  return bad(
    `image data starts with ${data.subarray(0, 4).toString('hex') || '(nothing)'}: neither a JPEG 2000 signature nor a WSQ start-of-image`,
  );
}

/** Walks the top-level JP2 boxes to the contiguous codestream box (jp2c). */
function probeJp2(data: Buffer): ImageProbe {
  let pos = 0;
  for (let boxes = 0; pos + 8 <= data.length && boxes < 64; boxes++) {
    let length = data.readUInt32BE(pos);
    const type = data.toString('latin1', pos + 4, pos + 8);
    let header = 8;
    if (length === 1) {
      if (pos + 16 > data.length) return bad('JP2: truncated extended box length');
      const big = data.readBigUInt64BE(pos + 8);
      if (big > BigInt(data.length)) return bad(`JP2: box ${type} is longer than the image data`);
      length = Number(big);
      header = 16;
    } else if (length === 0) {
      length = data.length - pos; // last box runs to the end
    }
    if (length < header || pos + length > data.length)
      return bad(`JP2: box ${JSON.stringify(type)} at ${pos} has length ${length}, beyond the image data`);
    if (type === 'jp2c') return probeCodestream(data, pos + header, pos + length);
    pos += length;
  }
  return bad('JP2: no contiguous codestream box (jp2c)');
}

/** J2K main header: SOC, SIZ (size, components, depth), then markers up to the first tile (SOT). */
function probeCodestream(data: Buffer, start: number, end: number): ImageProbe {
  if (end - start < 4 || data[start] !== 0xff || data[start + 1] !== 0x4f)
    return bad('JPEG 2000 codestream does not start with SOC (FF4F)');
  let pos = start + 2;
  let size: Omit<ImageHeader, 'codec' | 'reversible'> | null = null;
  let reversible: boolean | undefined;
  for (let markers = 0; pos + 4 <= end && markers < 256; markers++) {
    if (data[pos] !== 0xff) return bad(`JPEG 2000 main header: expected a marker at byte ${pos - start}`);
    const marker = data[pos + 1]!;
    if (marker === 0x90 || marker === 0x93 || marker === 0xd9) break; // SOT, SOD, EOC: main header over
    const length = data.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > end)
      return bad(`JPEG 2000 marker FF${marker.toString(16).toUpperCase()} runs past the codestream`);
    const seg = data.subarray(pos + 4, pos + 2 + length);
    if (marker === 0x51) {
      if (seg.length < 36 + 3) return bad('JPEG 2000 SIZ marker is too short');
      const comps = seg.readUInt16BE(34);
      if (comps < 1 || seg.length < 36 + 3 * comps)
        return bad(`JPEG 2000 SIZ declares ${comps} component(s) it does not describe`);
      size = {
        width: seg.readUInt32BE(2) - seg.readUInt32BE(10),
        height: seg.readUInt32BE(6) - seg.readUInt32BE(14),
        components: comps,
        bitDepth: (seg[36]! & 0x7f) + 1,
      };
    } else if (marker === 0x52) {
      if (seg.length < 10) return bad('JPEG 2000 COD marker is too short');
      reversible = seg[9] === 1;
    }
    pos += 2 + length;
  }
  if (!size) return bad('JPEG 2000 codestream has no SIZ marker');
  if (reversible === undefined) return bad('JPEG 2000 codestream has no COD marker');
  return { ok: true, header: { codec: 'JPEG2000', ...size, reversible } };
}

/** WSQ: SOI (FFA0), then table/comment segments up to the frame header SOF (FFA2). */
function probeWsq(data: Buffer): ImageProbe {
  let pos = 2;
  for (let markers = 0; pos + 4 <= data.length && markers < 256; markers++) {
    if (data[pos] !== 0xff) return bad(`WSQ: expected a marker at byte ${pos}`);
    const marker = data[pos + 1]!;
    const length = data.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > data.length)
      return bad(`WSQ marker FF${marker.toString(16).toUpperCase()} runs past the image data`);
    if (marker === 0xa2) {
      if (length < 8) return bad('WSQ frame header is too short');
      // SOF: length, black, white, height, width, …
      return {
        ok: true,
        header: {
          codec: 'WSQ',
          height: data.readUInt16BE(pos + 6),
          width: data.readUInt16BE(pos + 8),
          components: 1,
          bitDepth: 8,
        },
      };
    }
    pos += 2 + length;
  }
  return bad('WSQ: no frame header (FFA2) before the end of the image data');
}
