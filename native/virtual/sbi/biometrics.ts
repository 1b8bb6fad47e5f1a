/**
 * The virtual device's biometric values: JPEG 2000 samples made by scripts/gen-biometric-samples.mjs
 * (our own synthetic pixels, committed under resources/biometrics/) wrapped per capture into the
 * ISO 19794 record of the modality. Each file's codestream is read at load time and must agree
 * with the manifest, so a record never declares dimensions its image does not have.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EYE_LABEL, FINGER_POSITION, faceRecord, fingerRecord, irisRecord } from './iso19794.ts';
import type { IsoPurpose } from './iso19794.ts';
import { readJ2kInfo } from './jp2.ts';
import type { J2kInfo } from './jp2.ts';

const ManifestSchema = z.object({
  samples: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9-]+$/),
        file: z.string().regex(/^[a-z0-9-]+\.jp2$/),
        modality: z.enum(['Finger', 'Iris', 'Face']),
        purpose: z.enum(['Registration', 'Auth']),
        lossless: z.boolean(),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        components: z.union([z.literal(1), z.literal(3)]),
        irisDiameter: z.number().int().positive().optional(),
        exceptionPhoto: z.boolean().optional(),
      }),
    )
    .min(1),
});

export interface Sample {
  name: string;
  modality: 'Finger' | 'Iris' | 'Face';
  purpose: IsoPurpose;
  image: Buffer;
  info: J2kInfo;
  irisDiameter?: number;
  exceptionPhoto?: boolean;
}

export class SampleSetError extends Error {
  override name = 'SampleSetError';
}

/** Where the samples live: an explicit directory, else next to the sources or the working directory. */
export function findSamplesDir(explicit?: string): string {
  const candidates: string[] = [];
  if (explicit) candidates.push(resolve(explicit));
  else {
    try {
      candidates.push(join(dirname(fileURLToPath(import.meta.url)), '../../../resources/biometrics'));
    } catch {
      // Not a file: URL (bundled); fall through to the working directory.
    }
    candidates.push(join(process.cwd(), 'resources/biometrics'));
    const resourcesPath = (process as { resourcesPath?: unknown }).resourcesPath;
    if (typeof resourcesPath === 'string') candidates.push(join(resourcesPath, 'biometrics'));
  }
  const hit = candidates.find((dir) => existsSync(join(dir, 'manifest.json')));
  if (!hit) throw new SampleSetError(`no biometric samples (manifest.json) in ${candidates.join(', ')}`);
  return hit;
}

export function loadSamples(dir: string): Map<string, Sample> {
  let manifest: z.infer<typeof ManifestSchema>;
  try {
    manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  } catch (e) {
    throw new SampleSetError(
      `biometric samples manifest in ${dir} is not valid: ${(e as Error).message.slice(0, 300)}`,
    );
  }
  const samples = new Map<string, Sample>();
  for (const m of manifest.samples) {
    const image = readFileSync(join(dir, m.file));
    const info = readJ2kInfo(image);
    if (
      info.width !== m.width ||
      info.height !== m.height ||
      info.components !== m.components ||
      info.reversible !== m.lossless ||
      info.bitDepth !== 8
    ) {
      throw new SampleSetError(
        `${m.file}: codestream (${info.width}×${info.height}×${info.components}, ${info.reversible ? 'lossless' : 'lossy'}) disagrees with the manifest`,
      );
    }
    samples.set(m.name, {
      name: m.name,
      modality: m.modality,
      purpose: m.purpose,
      image,
      info,
      irisDiameter: m.irisDiameter,
      exceptionPhoto: m.exceptionPhoto,
    });
  }
  return samples;
}

export interface RecordRequest {
  modality: 'Finger' | 'Iris' | 'Face';
  purpose: IsoPurpose;
  /** bioSubType of the item ("Left IndexFinger", "Right", "UNKNOWN"…); ignored for face. */
  bioSubType: string | null;
  /** A face capture with exceptions is the exception photo. */
  exceptionPhoto: boolean;
  captureTime: Date;
  quality: number;
}

/** Builds the ISO record for one captured item. */
export function buildRecord(samples: ReadonlyMap<string, Sample>, r: RecordRequest): Buffer {
  const pick = (name: string): Sample => {
    const s = samples.get(name);
    if (!s) throw new SampleSetError(`biometric sample ${name} is missing`);
    return s;
  };
  const common = { purpose: r.purpose, captureTime: r.captureTime, quality: r.quality };
  if (r.modality === 'Finger') {
    const position = FINGER_POSITION[r.bioSubType ?? 'UNKNOWN'] ?? 0;
    const s =
      r.purpose === 'Registration'
        ? pick(`finger-registration-${((position + 3) % 4) + 1}`)
        : pick(`finger-auth-${(position % 2) + 1}`);
    return fingerRecord({ ...common, image: s.image, info: s.info, position });
  }
  if (r.modality === 'Iris') {
    const eyeLabel = EYE_LABEL[r.bioSubType ?? 'UNKNOWN'] ?? 0;
    const s =
      r.purpose === 'Registration'
        ? pick(eyeLabel === 1 ? 'iris-registration-right' : 'iris-registration-left')
        : pick('iris-auth');
    return irisRecord({
      ...common,
      image: s.image,
      info: s.info,
      eyeLabel,
      irisDiameter: s.irisDiameter ?? Math.min(s.info.width, s.info.height),
    });
  }
  const s = r.purpose === 'Auth' ? pick('face-auth') : pick(r.exceptionPhoto ? 'face-exception' : 'face-registration');
  return faceRecord({
    ...common,
    image: s.image,
    info: s.info,
    exceptionPhoto: r.exceptionPhoto && r.purpose === 'Registration',
  });
}
