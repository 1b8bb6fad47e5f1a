import { buildRecord, findSamplesDir, loadSamples } from '../virtual/sbi/biometrics.ts';
import type { SampleRecord } from '../../lib/sbi/auth-capture.ts';
import { ALL_FINGERS, IRISES } from '../virtual/sbi/devices.ts';

/** What the virtual SBI captures for `purpose`, record by record: the demo enrols people with these. */
export function virtualSampleRecords(
  purpose: 'Auth' | 'Registration',
  captureTime: Date,
  log: (level: 'warn', message: string, detail?: unknown) => void,
): SampleRecord[] | null {
  let samples;
  try {
    samples = loadSamples(findSamplesDir());
  } catch (e) {
    log('warn', 'no biometric samples for the virtual SBI', e);
    return null;
  }
  const record = (modality: 'Finger' | 'Iris' | 'Face', bioSubType: string | null) =>
    buildRecord(samples, {
      modality,
      purpose,
      bioSubType,
      exceptionPhoto: false,
      captureTime,
      quality: 80,
    });
  return [
    ...ALL_FINGERS.map((f) => ({
      bioType: 'Finger' as const,
      bioSubType: f,
      record: record('Finger', f),
    })),
    ...IRISES.map((eye) => ({
      bioType: 'Iris' as const,
      bioSubType: eye,
      record: record('Iris', eye),
    })),
    { bioType: 'Face' as const, bioSubType: '', record: record('Face', null) },
  ];
}
