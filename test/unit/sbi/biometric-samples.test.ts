/**
 * The JPEG 2000 samples under resources/biometrics and the ISO 19794 records the virtual device
 * builds from them. The JP2/J2K and ISO layouts are parsed here independently (from ISO/IEC
 * 15444-1 and the field lists in sbi.md §6), not with the device's own readers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRecord, loadSamples } from '../../../native/virtual/sbi/biometrics.ts';
import { J2kFormatError, readJ2kInfo } from '../../../native/virtual/sbi/jp2.ts';

const DIR = join(import.meta.dirname, '../../../resources/biometrics');
interface Entry {
  name: string;
  file: string;
  purpose: 'Registration' | 'Auth';
  modality: string;
  lossless: boolean;
  width: number;
  height: number;
  components: number;
}
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as {
  samples: Entry[];
};

/** Independent reading: walk JP2 boxes to jp2c, then SOC, SIZ and COD of the codestream. */
function siz(file: Buffer) {
  expect(file.subarray(0, 12).toString('hex')).toBe('0000000c6a5020200d0a870a'); // JP2 signature box
  let at = 0;
  let cs = -1;
  while (at + 8 <= file.length) {
    const len = file.readUInt32BE(at);
    if (file.toString('latin1', at + 4, at + 8) === 'jp2c') {
      cs = at + 8;
      break;
    }
    expect(len).toBeGreaterThanOrEqual(8);
    at += len;
  }
  expect(cs).toBeGreaterThan(0);
  expect(file.readUInt16BE(cs)).toBe(0xff4f); // SOC
  expect(file.readUInt16BE(cs + 2)).toBe(0xff51); // SIZ
  const s = cs + 6; // after SOC, SIZ marker and Lsiz
  const width = file.readUInt32BE(s + 2) - file.readUInt32BE(s + 10);
  const height = file.readUInt32BE(s + 6) - file.readUInt32BE(s + 14);
  const components = file.readUInt16BE(s + 34);
  const depth = (file[s + 36]! & 0x7f) + 1;
  const lsiz = file.readUInt16BE(cs + 4);
  const cod = cs + 4 + lsiz;
  expect(file.readUInt16BE(cod)).toBe(0xff52); // OpenJPEG writes COD right after SIZ
  const reversible = file[cod + 4 + 9] === 1;
  return { width, height, components, depth, reversible };
}

describe('resources/biometrics samples', () => {
  it('are JPEG 2000 files whose codestream matches the manifest, lossless for Registration and lossy ≤15:1 for Auth', () => {
    expect(manifest.samples.length).toBeGreaterThanOrEqual(10);
    let total = 0;
    for (const m of manifest.samples) {
      const file = readFileSync(join(DIR, m.file));
      total += file.length;
      const s = siz(file);
      expect({ name: m.name, ...s }).toEqual({
        name: m.name,
        width: m.width,
        height: m.height,
        components: m.components,
        depth: 8,
        reversible: m.lossless,
      });
      expect(m.lossless).toBe(m.purpose === 'Registration');
      expect(m.components).toBe(m.modality === 'Face' ? 3 : 1);
      if (!m.lossless) expect((m.width * m.height * m.components) / file.length).toBeLessThanOrEqual(15);
      // Same answer from the device's reader.
      expect(readJ2kInfo(file)).toMatchObject({
        container: 'jp2',
        width: s.width,
        height: s.height,
        components: s.components,
        reversible: s.reversible,
      });
    }
    expect(total).toBeLessThan(300 * 1024);
  });

  it('readJ2kInfo refuses what is not JPEG 2000', () => {
    const good = readFileSync(join(DIR, manifest.samples[0]!.file));
    for (const bad of [
      Buffer.alloc(0),
      Buffer.from('GIF89a'),
      good.subarray(0, 40),
      Buffer.concat([good.subarray(0, 12), Buffer.from([0, 0, 0, 0x7f, 0x6a, 0x70, 0x32, 0x63])]),
    ]) {
      expect(() => readJ2kInfo(bad)).toThrow(J2kFormatError);
    }
  });
});

/** Independent ISO 19794 readers: just the fields the CTK checks. */
const u16 = (b: Buffer, o: number) => b.readUInt16BE(o);
const u32 = (b: Buffer, o: number) => b.readUInt32BE(o);

describe('ISO 19794 records', () => {
  const samples = loadSamples(DIR);
  const at = new Date('2024-05-06T07:08:09.123Z');
  const build = (
    modality: 'Finger' | 'Iris' | 'Face',
    purpose: 'Registration' | 'Auth',
    bioSubType: string | null,
    exceptionPhoto = false,
  ) =>
    buildRecord(samples, {
      modality,
      purpose,
      bioSubType,
      exceptionPhoto,
      captureTime: at,
      quality: 77,
    });

  const checkDate = (r: Buffer, o: number) =>
    expect([u16(r, o), r[o + 2], r[o + 3], r[o + 4], r[o + 5], r[o + 6], u16(r, o + 7)]).toEqual([
      2024, 5, 6, 7, 8, 9, 123,
    ]);

  it.each([
    ['Registration', 'Left IndexFinger', 7, 0x05],
    ['Registration', 'Right Thumb', 1, 0x05],
    ['Auth', 'UNKNOWN', 0, 0x04],
    ['Auth', 'Left LittleFinger', 10, 0x04],
  ] as const)('finger %s %s: FIR 020, position %i, compression %i', (purpose, sub, position, compression) => {
    const r = build('Finger', purpose, sub);
    expect(r.toString('latin1', 0, 8)).toBe('FIR\x00020\x00');
    expect(u32(r, 8)).toBe(r.length); // record length
    expect([u16(r, 12), r[14], r[15]]).toEqual([1, 0, 1]); // one representation, certification flag 0, one finger
    expect(u32(r, 16)).toBe(r.length - 16); // representation length
    checkDate(r, 20);
    expect(r[34]).toBe(1); // one quality block
    expect(r[35]).toBe(77);
    const p = 40; // after the 5-byte quality block
    expect(r[p]).toBe(position);
    expect(r[p + 2]).toBe(1); // scale units ppi
    expect([u16(r, p + 3), u16(r, p + 5), u16(r, p + 7), u16(r, p + 9)]).toEqual([500, 500, 500, 500]);
    expect([r[p + 11], r[p + 12]]).toEqual([8, compression]);
    const image = r.subarray(p + 22);
    expect(u32(r, p + 18)).toBe(image.length);
    expect(siz(image)).toMatchObject({
      width: u16(r, p + 14),
      height: u16(r, p + 16),
      components: 1,
      reversible: purpose === 'Registration',
    });
  });

  it.each([
    ['Registration', 'Left', 2, 0x03, 1],
    ['Registration', 'Right', 1, 0x03, 1],
    ['Auth', 'UNKNOWN', 0, 0x07, 2],
  ] as const)('iris %s %s: IIR 020, eye %i, type %i, compression %i', (purpose, sub, eye, type, compression) => {
    const r = build('Iris', purpose, sub);
    expect(r.toString('latin1', 0, 8)).toBe('IIR\x00020\x00');
    expect(u32(r, 8)).toBe(r.length);
    expect([u16(r, 12), r[14], r[15]]).toEqual([1, 0, 1]);
    expect(u32(r, 16)).toBe(r.length - 16);
    checkDate(r, 20);
    expect([r[34], r[35]]).toEqual([1, 77]);
    const i = 42; // after the representation number
    expect(u16(r, 40)).toBe(1);
    expect([r[i], r[i + 1], r[i + 2]]).toEqual([eye, type, 0x0a]);
    expect(r[i + 3]! >> 6).toBe(compression);
    expect(r[i + 3]! & 0x0f).toBe(0b0101); // orientations "base"
    expect(r[i + 8]).toBe(8);
    const image = r.subarray(i + 27 + 4);
    expect(u32(r, i + 27)).toBe(image.length);
    expect(r.indexOf(Buffer.from('0000000c6a502020', 'hex'))).toBe(73); // as MockMDS records (sbi.md §6)
    expect(siz(image)).toMatchObject({
      width: u16(r, i + 4),
      height: u16(r, i + 6),
      components: 1,
    });
  });

  it.each([
    ['Registration', false, 0x01, 0x02],
    ['Registration', true, 0x00, 0x02],
    ['Auth', false, 0x01, 0x01],
  ] as const)(
    'face %s (exception photo %s): FAC 030, image type %i, data type %i, RGB',
    (purpose, exception, faceType, dataType) => {
      const r = build('Face', purpose, null, exception);
      expect(r.toString('latin1', 0, 8)).toBe('FAC\x00030\x00');
      expect(u32(r, 8)).toBe(r.length);
      expect([u16(r, 12), r[14], u16(r, 15)]).toEqual([1, 0, 0]);
      expect(u32(r, 17)).toBe(r.length - 17);
      checkDate(r, 21);
      expect([r[35], r[36]]).toEqual([1, 77]);
      const info = 41 + 17; // after quality block and facial information (no landmarks)
      expect(u16(r, 41)).toBe(0);
      expect([r[info], r[info + 1], r[info + 10]]).toEqual([faceType, dataType, 0x01]);
      const image = r.subarray(info + 11 + 4);
      expect(u32(r, info + 11)).toBe(image.length);
      expect(r.indexOf(Buffer.from('0000000c6a502020', 'hex'))).toBe(73);
      expect(siz(image)).toMatchObject({
        width: u16(r, info + 2),
        height: u16(r, info + 4),
        components: 3,
        reversible: purpose === 'Registration',
      });
    },
  );
});

describe('scripts/gen-biometric-samples.mjs', () => {
  const out = mkdtempSync(join(tmpdir(), 'pd-gen-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const opj = spawnSync('opj_compress', ['-h'], { stdio: 'ignore' });
  const haveOpj = !opj.error;
  if (!haveOpj) console.log('skipping the generator run: opj_compress is not installed (apt install libopenjp2-tools)');

  it.skipIf(!haveOpj)('regenerates the sample set with the manifest dimensions', () => {
    execFileSync(
      process.execPath,
      [join(import.meta.dirname, '../../../scripts/gen-biometric-samples.mjs'), '--out', out],
      { stdio: 'pipe' },
    );
    const fresh = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      samples: Entry[];
    };
    expect(fresh.samples.map((m) => [m.name, m.width, m.height, m.components, m.lossless])).toEqual(
      manifest.samples.map((m) => [m.name, m.width, m.height, m.components, m.lossless]),
    );
    for (const m of fresh.samples) {
      expect(statSync(join(out, m.file)).size).toBeGreaterThan(1000);
      expect(siz(readFileSync(join(out, m.file)))).toMatchObject({
        width: m.width,
        height: m.height,
        reversible: m.lossless,
      });
    }
  });
});
