/**
 * The CTK's ISO 19794 header checks (sbi.md §6, ISOStandardsValidator expectations) over a parsed
 * record, per modality and purpose. Only checks that can fail are listed: a 16-bit field that is
 * "0x0000–0xFFFF" by its width is not a check. The image itself is checked structurally
 * (image-codec.ts): signature, size and layout against the header, transform, compression ratio.
 */
import { probeImage } from './image-codec.ts';
import type { ImageHeader } from './image-codec.ts';
import { parseIsoRecord, IsoParseError, ISO_FORMATS } from './iso19794.ts';
import type {
  CaptureDateTime,
  FaceRepresentation,
  FingerRepresentation,
  IrisRepresentation,
  IsoRecord,
  Modality,
  QualityBlock,
} from './iso19794.ts';
import { check, fail, pass } from './report.ts';
import type { BenchCheck } from './report.ts';

export type Purpose = 'Registration' | 'Auth';
const CODE = 'SBI_ISO_RECORD';
const hex = (n: number, width = 2) => `0x${n.toString(16).toUpperCase().padStart(width, '0')}`;
const shown = (s: string) => JSON.stringify(s).replace(/\\u0000/g, '\\0');
const MAX_RATIO = 15;

/** Parses the record and runs every check of its part; a record that cannot be read is one failing check. */
export function isoChecks(modality: Modality, purpose: Purpose, record: Buffer): BenchCheck[] {
  const part = ISO_FORMATS[modality].part;
  let parsed: IsoRecord;
  try {
    parsed = parseIsoRecord(modality, record);
  } catch (e) {
    if (e instanceof IsoParseError) return [fail(`${part}: record structure`, e.message, CODE)];
    throw e;
  }
  const checks = [pass(`${part}: record structure`), ...headerChecks(parsed)];
  const rep = parsed.representations[0];
  if (rep) {
    if (parsed.kind === 'Finger') checks.push(...fingerChecks(rep as FingerRepresentation, purpose));
    else if (parsed.kind === 'Iris') checks.push(...irisChecks(rep as IrisRepresentation, purpose));
    else checks.push(...faceChecks(rep as FaceRepresentation, purpose));
  }
  return checks.map((c) => ({
    ...c,
    name: c.name.startsWith(part) ? c.name : `${part}: ${c.name}`,
  }));
}

const MIN_RECORD: Record<Modality, number> = { Finger: 0x39, Iris: 0x45, Face: 17 + 0x33 };
const MIN_REPRESENTATION: Record<Modality, number> = { Finger: 0x29, Iris: 0x35, Face: 0x33 };

function headerChecks(r: IsoRecord): BenchCheck[] {
  const f = ISO_FORMATS[r.kind];
  const out = [
    check(
      'format identifier',
      r.formatId === f.formatId,
      `expected ${shown(f.formatId)}, got ${shown(r.formatId)}`,
      CODE,
    ),
    check('version', r.version === f.version, `expected ${shown(f.version)}, got ${shown(r.version)}`, CODE),
    check(
      'record length',
      r.recordLength >= MIN_RECORD[r.kind] && r.recordLength === r.actualLength,
      `header says ${r.recordLength} byte(s), the record has ${r.actualLength} (minimum ${MIN_RECORD[r.kind]})`,
      CODE,
    ),
    check('number of representations', r.representationCount === 1, `expected 1, got ${r.representationCount}`, CODE),
    r.kind === 'Finger'
      ? check(
          'certification flag',
          r.certificationFlag === 0 || r.certificationFlag === 1,
          `expected 0 or 1, got ${r.certificationFlag}`,
          CODE,
        )
      : check('certification flag', r.certificationFlag === 0, `expected 0, got ${r.certificationFlag}`, CODE),
  ];
  if (r.kind === 'Finger')
    out.push(check('finger count', r.fingerCount === 1, `expected 1 finger position, got ${r.fingerCount}`, CODE));
  if (r.kind === 'Iris')
    out.push(
      check('eyes present', r.eyesPresent === 0 || r.eyesPresent === 1, `expected 0 or 1, got ${r.eyesPresent}`, CODE),
    );
  const rep = r.representations[0];
  if (rep)
    out.push(
      check(
        'representation length',
        rep.representationLength >= MIN_REPRESENTATION[r.kind],
        `${rep.representationLength} is below the minimum ${MIN_REPRESENTATION[r.kind]}`,
        CODE,
      ),
      dateTimeCheck(rep.captureDateTime),
      qualityCheck(rep.quality, r.kind !== 'Iris'),
      check('image data length', rep.imageData.length >= 1, 'the record carries no image data', CODE),
    );
  return out;
}

function dateTimeCheck(d: CaptureDateTime): BenchCheck {
  const unspecified =
    d.year === 0xffff &&
    d.month === 0xff &&
    d.day === 0xff &&
    d.hour === 0xff &&
    d.minute === 0xff &&
    d.second === 0xff &&
    d.millisecond === 0xffff;
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second, d.millisecond));
  const valid =
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    date.getUTCDate() === d.day &&
    d.hour <= 23 &&
    d.minute <= 59 &&
    d.second <= 59 &&
    d.millisecond <= 999 &&
    d.year >= 1900;
  return check(
    'capture date and time',
    unspecified || valid,
    `not a valid date: ${d.year}-${d.month}-${d.day} ${d.hour}:${d.minute}:${d.second}.${d.millisecond}`,
    CODE,
  );
}

function qualityCheck(blocks: QualityBlock[], allow255: boolean): BenchCheck {
  const badBlock = blocks.find((b) => !(b.score <= 100 || (allow255 && b.score === 255)));
  return check(
    'quality scores',
    !badBlock,
    `quality score ${badBlock?.score} is outside 0–100${allow255 ? ' and not 255' : ''}`,
    CODE,
  );
}

function fingerChecks(r: FingerRepresentation, purpose: Purpose): BenchCheck[] {
  const minPos = purpose === 'Auth' ? 0 : 1;
  const impressions = (t: number) => t <= 0x0f || t === 0x18 || t === 0x1c || t === 0x1d;
  const rate = (v: number) => v >= 0x1ea && v <= 0x3f2;
  const compressions = purpose === 'Auth' ? [0x04, 0x02] : [0x05];
  const out = [
    check(
      'capture device technology',
      r.deviceTechnology <= 0x14,
      `${hex(r.deviceTechnology)} is outside 0x00–0x14`,
      CODE,
    ),
    check(
      'finger position',
      r.position >= minPos && r.position <= 0x0a,
      `${hex(r.position)} is outside ${hex(minPos)}–0x0A for ${purpose}`,
      CODE,
    ),
    check('representation number', r.representationNumber <= 15, `${r.representationNumber} is outside 0–15`, CODE),
    check(
      'scale units',
      r.scaleUnits === 1 || r.scaleUnits === 2,
      `expected 1 (ppi) or 2 (ppcm), got ${r.scaleUnits}`,
      CODE,
    ),
    check(
      'spatial sampling rates',
      [r.scanResolution.h, r.scanResolution.v, r.imageResolution.h, r.imageResolution.v].every(rate) &&
        r.imageResolution.h <= r.scanResolution.h &&
        r.imageResolution.v <= r.scanResolution.v,
      `scan ${r.scanResolution.h}×${r.scanResolution.v}, image ${r.imageResolution.h}×${r.imageResolution.v}: each must be 490–1010 and image ≤ scan`,
      CODE,
    ),
    check(
      'pixel aspect ratio',
      r.imageResolution.h === r.imageResolution.v,
      `image sampling ${r.imageResolution.h} (h) ≠ ${r.imageResolution.v} (v)`,
      CODE,
    ),
    check('bit depth', r.bitDepth === 8, `expected 8, got ${r.bitDepth}`, CODE),
    check(
      'compression',
      compressions.includes(r.compression),
      `${hex(r.compression)} is not ${compressions.map((c) => hex(c)).join(' or ')} (${purpose === 'Auth' ? 'JPEG 2000 lossy or WSQ' : 'JPEG 2000 lossless'})`,
      CODE,
    ),
    check(
      'impression type',
      impressions(r.impressionType),
      `${hex(r.impressionType)} is not 0x00–0x0F, 0x18, 0x1C or 0x1D`,
      CODE,
    ),
    check('image size', r.width >= 1 && r.height >= 1, `${r.width}×${r.height}`, CODE),
  ];
  const codec = r.compression === 0x02 ? 'WSQ' : 'JPEG2000';
  return [
    ...out,
    ...imageChecks(r.imageData, {
      codec,
      width: r.width,
      height: r.height,
      components: 1,
      bitDepth: 8,
      lossless: r.compression === 0x05,
      maxRatio: MAX_RATIO,
    }),
  ];
}

function irisChecks(r: IrisRepresentation, purpose: Purpose): BenchCheck[] {
  const labels = purpose === 'Auth' ? [0, 1, 2] : [1, 2];
  const type = purpose === 'Auth' ? 0x07 : 0x03;
  const compression = purpose === 'Auth' ? 2 : 1;
  return [
    check('capture device technology', r.deviceTechnology <= 1, `expected 0 or 1, got ${r.deviceTechnology}`, CODE),
    check('representation number', r.representationNumber === 1, `expected 1, got ${r.representationNumber}`, CODE),
    check('eye label', labels.includes(r.eyeLabel), `${r.eyeLabel} is not ${labels.join(', ')} for ${purpose}`, CODE),
    check(
      'image type',
      r.imageType === type,
      `expected ${hex(type)} (${purpose === 'Auth' ? 'K7 cropped and masked' : 'K3 cropped'}), got ${hex(r.imageType)}`,
      CODE,
    ),
    check('image format', r.imageFormat === 0x0a, `expected 0x0A (JPEG 2000), got ${hex(r.imageFormat)}`, CODE),
    check(
      'orientation',
      r.horizontalOrientation <= 2 && r.verticalOrientation <= 2,
      `horizontal ${r.horizontalOrientation}, vertical ${r.verticalOrientation}: each must be 0–2`,
      CODE,
    ),
    check(
      'compression',
      r.compression === compression,
      `expected ${compression} (${purpose === 'Auth' ? 'lossy' : 'lossless'}), got ${r.compression}`,
      CODE,
    ),
    check('bit depth', r.bitDepth === 8, `expected 8, got ${r.bitDepth}`, CODE),
    check('image size', r.width >= 1 && r.height >= 1, `${r.width}×${r.height}`, CODE),
    ...imageChecks(r.imageData, {
      codec: 'JPEG2000',
      width: r.width,
      height: r.height,
      components: 1,
      bitDepth: 8,
      lossless: purpose === 'Registration',
      maxRatio: purpose === 'Auth' ? MAX_RATIO : null,
    }),
  ];
}

function faceChecks(r: FaceRepresentation, purpose: Purpose): BenchCheck[] {
  const dataType = purpose === 'Auth' ? 0x01 : 0x02;
  const colourOk = (v: number) => v <= 7 || v === 0xff;
  return [
    check(
      'capture device technology',
      r.deviceTechnology <= 0x06 || r.deviceTechnology >= 0x80,
      `${hex(r.deviceTechnology)} is outside 0x00–0x06 and 0x80–0xFF`,
      CODE,
    ),
    check('gender', [0, 1, 2, 0xff].includes(r.gender), `${hex(r.gender)} is not 0, 1, 2 or 0xFF`, CODE),
    check(
      'eye and hair colour',
      colourOk(r.eyeColour) && colourOk(r.hairColour),
      `eye ${hex(r.eyeColour)}, hair ${hex(r.hairColour)}: each must be 0–7 or 0xFF`,
      CODE,
    ),
    check(
      'face image type',
      r.faceImageType <= 0x03 || (r.faceImageType >= 0x80 && r.faceImageType <= 0x82),
      `${hex(r.faceImageType)} is outside 0x00–0x03 and 0x80–0x82`,
      CODE,
    ),
    check(
      'compression',
      r.imageDataType === dataType,
      `expected ${hex(dataType)} (JPEG 2000 ${purpose === 'Auth' ? 'lossy' : 'lossless'}), got ${hex(r.imageDataType)}`,
      CODE,
    ),
    check(
      'spatial sampling rate level',
      r.spatialSamplingRateLevel <= 7,
      `${r.spatialSamplingRateLevel} is outside 0–7`,
      CODE,
    ),
    check('image colour space', r.colourSpace === 0x01, `expected 0x01 (24-bit RGB), got ${hex(r.colourSpace)}`, CODE),
    check('image size', r.width >= 1 && r.height >= 1, `${r.width}×${r.height}`, CODE),
    ...imageChecks(r.imageData, {
      codec: 'JPEG2000',
      width: r.width,
      height: r.height,
      components: 3,
      bitDepth: 8,
      lossless: purpose === 'Registration',
      maxRatio: purpose === 'Auth' ? MAX_RATIO : null,
    }),
  ];
}

interface Expected {
  codec: ImageHeader['codec'];
  width: number;
  height: number;
  components: number;
  bitDepth: number;
  lossless: boolean;
  /** Highest allowed raw-size / compressed-size; null: not checked. */
  maxRatio: number | null;
}

function imageChecks(data: Buffer, want: Expected): BenchCheck[] {
  const probe = probeImage(data);
  if (!probe.ok) return [fail('image codec', probe.reason, CODE)];
  const h = probe.header;
  const out = [
    check('image codec', h.codec === want.codec, `the header declares ${want.codec}, the image is ${h.codec}`, CODE),
    check(
      'image dimensions',
      h.width === want.width && h.height === want.height,
      `the header says ${want.width}×${want.height}, the image is ${h.width}×${h.height}`,
      CODE,
    ),
    check(
      'image colour layout',
      h.components === want.components && h.bitDepth === want.bitDepth,
      `expected ${want.components} component(s) of ${want.bitDepth} bits, the image has ${h.components} of ${h.bitDepth}`,
      CODE,
    ),
  ];
  if (h.codec === 'JPEG2000' && want.lossless)
    out.push(
      check(
        'lossless transform',
        h.reversible === true,
        'declared lossless but the codestream uses the irreversible 9/7 wavelet',
        CODE,
      ),
    );
  if (want.maxRatio !== null) {
    const ratio = (want.width * want.height * want.components * (want.bitDepth / 8)) / data.length;
    out.push(
      check('compression ratio', ratio <= want.maxRatio, `${ratio.toFixed(1)}:1 is above ${want.maxRatio}:1`, CODE),
    );
  }
  return out;
}
