import { describe, expect, it } from 'vitest';
import { probeImage } from '../../../native/sbi/bench/image-codec.ts';
import { isoChecks } from '../../../native/sbi/bench/iso19794-checks.ts';
import { parseFaceRecord, parseFingerRecord, parseIrisRecord } from '../../../native/sbi/bench/iso19794.ts';
import type { BenchCheck } from '../../../native/sbi/bench/report.ts';
import { faceRecord, fingerRecord, irisRecord, j2k, jp2, wsq } from './iso-builder.ts';

const failed = (checks: BenchCheck[]) => checks.filter((c) => c.result === 'fail');
const failedNames = (checks: BenchCheck[]) => failed(checks).map((c) => c.name.replace(/^ISO 19794-\d:2011: /, ''));

describe('ISO 19794-4 finger records', () => {
  it('parses every header field of a hand-built record', () => {
    const r = parseFingerRecord(fingerRecord({ position: 3, qualityScores: [55, 255] }));
    expect(r).toMatchObject({
      formatId: 'FIR\0',
      version: '020\0',
      representationCount: 1,
      certificationFlag: 0,
      fingerCount: 1,
    });
    expect(r.recordLength).toBe(r.actualLength);
    const rep = r.representations[0]!;
    expect(rep).toMatchObject({
      position: 3,
      scaleUnits: 1,
      bitDepth: 8,
      compression: 5,
      impressionType: 0x1d,
      width: 40,
      height: 60,
    });
    expect(rep.captureDateTime).toEqual({
      year: 2026,
      month: 1,
      day: 2,
      hour: 3,
      minute: 4,
      second: 5,
      millisecond: 6,
    });
    expect(rep.quality.map((q) => q.score)).toEqual([55, 255]);
    expect(rep.imageData.subarray(4, 8).toString('latin1')).toBe('jP  ');
  });

  it('reads certification blocks only when the flag is set', () => {
    const rep = parseFingerRecord(fingerRecord({ certificationFlag: 1 })).representations[0]!;
    expect(rep.certifications).toEqual([{ authorityId: 1, schemeId: 1 }]);
    expect(rep.position).toBe(7);
  });

  it('passes a valid Registration record and a valid Auth WSQ record', () => {
    expect(failed(isoChecks('Finger', 'Registration', fingerRecord()))).toEqual([]);
    const auth = fingerRecord({ compression: 2, position: 0, imageData: wsq(40, 60, 300) });
    expect(failed(isoChecks('Finger', 'Auth', auth))).toEqual([]);
  });

  it.each([
    [{ formatId: 'FIX\0' }, 'format identifier'],
    [{ version: '030\0' }, 'version'],
    [{ recordLengthDelta: 3 }, 'record length'],
    [{ certificationFlag: 2 }, 'certification flag'],
    [{ fingerCount: 2 }, 'finger count'],
    [{ technology: 0x15 }, 'capture device technology'],
    [{ qualityScores: [101] }, 'quality scores'],
    [{ position: 0 }, 'finger position'],
    [{ position: 11 }, 'finger position'],
    [{ representationNumber: 16 }, 'representation number'],
    [{ scaleUnits: 3 }, 'scale units'],
    [{ scan: [489, 500] as [number, number] }, 'spatial sampling rates'],
    [{ image: [600, 600] as [number, number] }, 'spatial sampling rates'],
    [{ image: [500, 490] as [number, number] }, 'pixel aspect ratio'],
    [{ bitDepth: 16 }, 'bit depth'],
    [{ compression: 4 }, 'compression'],
    [{ impression: 0x10 }, 'impression type'],
  ])('fails exactly the check a wrong field breaks: %o → %s', (spec, name) => {
    expect(failedNames(isoChecks('Finger', 'Registration', fingerRecord(spec)))).toEqual([name]);
  });

  it('applies the purpose rules: Auth allows position 0 and lossy/WSQ, refuses lossless', () => {
    const lossy = fingerRecord({
      compression: 4,
      position: 0,
      imageData: jp2(j2k({ width: 40, height: 60, reversible: false, payload: 600 }), 40, 60),
    });
    expect(failed(isoChecks('Finger', 'Auth', lossy))).toEqual([]);
    expect(failedNames(isoChecks('Finger', 'Auth', fingerRecord()))).toEqual(['compression']);
  });

  it('checks the image against the header: codec, size, layout, transform, ratio', () => {
    expect(
      failedNames(
        isoChecks(
          'Finger',
          'Registration',
          fingerRecord({ imageData: jp2(j2k({ width: 41, height: 60, payload: 600 }), 41, 60) }),
        ),
      ),
    ).toEqual(['image dimensions']);
    expect(
      failedNames(
        isoChecks(
          'Finger',
          'Registration',
          fingerRecord({
            imageData: jp2(j2k({ width: 40, height: 60, components: 3, payload: 600 }), 40, 60),
          }),
        ),
      ),
    ).toEqual(['image colour layout']);
    expect(
      failedNames(
        isoChecks(
          'Finger',
          'Registration',
          fingerRecord({
            imageData: jp2(j2k({ width: 40, height: 60, reversible: false, payload: 600 }), 40, 60),
          }),
        ),
      ),
    ).toEqual(['lossless transform']);
    expect(
      failedNames(
        isoChecks('Finger', 'Registration', fingerRecord({ imageData: j2k({ width: 40, height: 60, payload: 10 }) })),
      ),
    ).toEqual(['compression ratio']);
    expect(failedNames(isoChecks('Finger', 'Registration', fingerRecord({ imageData: wsq(40, 60, 300) })))).toEqual([
      'image codec',
    ]);
    const noCodec = failed(
      isoChecks('Finger', 'Registration', fingerRecord({ imageData: Buffer.from('not an image at all') })),
    );
    expect(noCodec.map((c) => c.reason)).toEqual([expect.stringMatching(/neither a JPEG 2000 signature nor a WSQ/)]);
  });
});

describe('ISO 19794-6 iris records', () => {
  it('parses and passes a Registration K3 lossless record', () => {
    const r = parseIrisRecord(irisRecord());
    expect(r.representations[0]).toMatchObject({
      eyeLabel: 1,
      imageType: 3,
      imageFormat: 0x0a,
      compression: 1,
      horizontalOrientation: 1,
      verticalOrientation: 1,
      width: 64,
      height: 48,
      representationNumber: 1,
    });
    expect(r.representations[0]!.irisGeometry).toEqual([10, 20, 10, 20, 30, 40]);
    expect(failed(isoChecks('Iris', 'Registration', irisRecord()))).toEqual([]);
  });

  it('applies Auth rules: K7, lossy, eye label 0 allowed, ratio checked', () => {
    const auth = irisRecord({ imageType: 7, compression: 2, eyeLabel: 0 });
    expect(failed(isoChecks('Iris', 'Auth', auth))).toEqual([]);
    expect(failedNames(isoChecks('Iris', 'Registration', auth)).sort()).toEqual([
      'compression',
      'eye label',
      'image type',
      'lossless transform',
    ]);
    const squeezed = irisRecord({
      imageType: 7,
      compression: 2,
      imageData: jp2(j2k({ width: 64, height: 48, reversible: false, payload: 10 }), 64, 48),
    });
    expect(failedNames(isoChecks('Iris', 'Auth', squeezed))).toEqual(['compression ratio']);
  });

  it.each([
    [{ imageFormat: 0x02 }, 'image format'],
    [{ orientation: [3, 0] as [number, number] }, 'orientation'],
    [{ bitDepth: 12 }, 'bit depth'],
    [{ technology: 2 }, 'capture device technology'],
    [{ representationNumber: 2 }, 'representation number'],
    [{ eyes: 2 }, 'eyes present'],
  ])('fails %o → %s', (spec, name) => {
    expect(failedNames(isoChecks('Iris', 'Registration', irisRecord(spec)))).toEqual([name]);
  });
});

describe('ISO 19794-5 face records', () => {
  it('parses landmarks and passes a Registration lossless RGB record', () => {
    const r = parseFaceRecord(faceRecord({ landmarks: 3 }));
    expect(r.representations[0]!.landmarks).toHaveLength(3);
    expect(r.representations[0]!.landmarks[1]).toEqual({ type: 1, code: 0x32, x: 11, y: 20, z: 0 });
    expect(failed(isoChecks('Face', 'Registration', faceRecord()))).toEqual([]);
    expect(failed(isoChecks('Face', 'Auth', faceRecord({ dataType: 1 })))).toEqual([]);
  });

  it.each([
    [{ version: '020\0' }, 'version'],
    [{ dataType: 1 }, 'compression'],
    [{ colourSpace: 3 }, 'image colour space'],
    [{ faceImageType: 0x04 }, 'face image type'],
    [{ gender: 3 }, 'gender'],
    [{ eyeColour: 8 }, 'eye and hair colour'],
    [{ samplingLevel: 8 }, 'spatial sampling rate level'],
    [{ technology: 0x07 }, 'capture device technology'],
  ])('fails %o → %s', (spec, name) => {
    const names = failedNames(isoChecks('Face', 'Registration', faceRecord(spec)));
    expect(names.filter((n) => n !== 'lossless transform')).toEqual([name]);
  });
});

describe('malformed records', () => {
  const structure = (checks: BenchCheck[]) => checks.find((c) => c.name.endsWith('record structure'));

  it('reports a truncated record as one failing structure check naming the field', () => {
    const full = fingerRecord();
    for (const cut of [0, 3, 15, 16, 30, 50, full.length - 1]) {
      const checks = isoChecks('Finger', 'Registration', full.subarray(0, cut));
      expect(checks).toHaveLength(1);
      expect(structure(checks)).toMatchObject({ result: 'fail', code: 'SBI_ISO_RECORD' });
    }
    expect(structure(isoChecks('Finger', 'Registration', full.subarray(0, 20)))?.reason).toMatch(
      /representation length/,
    );
  });

  it('refuses a representation length beyond the record and an absurd representation count', () => {
    const r = fingerRecord();
    r.writeUInt32BE(0xfffffff0, 16);
    expect(structure(isoChecks('Finger', 'Registration', r))?.reason).toMatch(
      /representation length: \d+ does not fit/,
    );
    const many = fingerRecord();
    many.writeUInt16BE(5000, 12);
    expect(structure(isoChecks('Finger', 'Registration', many))?.reason).toMatch(/number of representations: 5000/);
  });

  it('keeps an image length inside its representation', () => {
    const r = irisRecord();
    // image data length is the 4 bytes before the JP2 signature
    const at = r.indexOf(Buffer.from('0000000c6a502020', 'hex')) - 4;
    r.writeUInt32BE(r.readUInt32BE(at) + 1, at);
    expect(structure(isoChecks('Iris', 'Registration', r))?.reason).toMatch(/image data: record ends/);
  });

  it('survives random garbage without throwing', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 300; i++) {
      const base = [fingerRecord(), irisRecord(), faceRecord()][i % 3]!;
      const b = Buffer.from(base);
      for (let k = 0; k < 1 + (i % 5); k++) b[rnd() % b.length] = rnd();
      const cut = b.subarray(0, b.length - (i % 7) * 9);
      for (const m of ['Finger', 'Iris', 'Face'] as const)
        expect(() => isoChecks(m, i % 2 ? 'Auth' : 'Registration', cut)).not.toThrow();
    }
  });

  it('probes broken JPEG 2000 and WSQ streams with a reason', () => {
    expect(probeImage(j2k({ width: 4, height: 4, omitCod: true }))).toEqual({
      ok: false,
      reason: 'JPEG 2000 codestream has no COD marker',
    });
    expect(probeImage(Buffer.from([0xff, 0x4f, 0xff, 0x51, 0xff, 0xff]))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/runs past/),
    });
    const box = jp2(j2k({ width: 4, height: 4 }), 4, 4);
    box.writeUInt32BE(0x7fffffff, 12); // the ftyp box now claims 2 GB
    expect(probeImage(box)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/beyond the image data/),
    });
    expect(probeImage(Buffer.from([0xff, 0xa0, 0xff, 0xa8, 0x00, 0x02]))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no frame header/),
    });
    expect(probeImage(wsq(320, 480))).toEqual({
      ok: true,
      header: { codec: 'WSQ', width: 320, height: 480, components: 1, bitDepth: 8 },
    });
  });
});
