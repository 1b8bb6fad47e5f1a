/** Argument readers shared by `sbi discover` and `sbi bench`: each bad value is a UsageError (exit 2). */
import { readFileSync } from 'node:fs';
import { trustEntriesFromPem, TrustInputError } from '../../native/sbi/bench/trust.ts';
import type { SbiDomain } from '../../native/sbi/bench/trust.ts';
import type { TrustEntry } from '../../lib/pki/index.ts';
import { UsageError } from './usage.ts';

export type Values = Record<string, string | boolean | string[] | undefined>;

export const list = (v: Values[string]): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);
export const text = (v: Values[string]): string | undefined => (typeof v === 'string' ? v : undefined);

export function port(v: Values[string], name = '--port'): number | undefined {
  if (v === undefined) return undefined;
  const s = text(v) ?? '';
  if (!/^\d{1,5}$/.test(s) || Number(s) < 1 || Number(s) > 65535)
    throw new UsageError(`${name} must be a TCP port 1–65535, got ${JSON.stringify(s)}`);
  return Number(s);
}

/** "4501-4600" → [4501, 4600]. */
export function range(v: Values[string], fallback: [number, number]): [number, number] {
  if (v === undefined) return fallback;
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(text(v) ?? '');
  const from = Number(m?.[1]);
  const to = Number(m?.[2]);
  if (!m || from < 1 || to > 65535 || from > to || to - from > 1000)
    throw new UsageError(
      `--range must be FROM-TO (e.g. 4501-4600, at most 1001 ports), got ${JSON.stringify(text(v) ?? '')}`,
    );
  return [from, to];
}

export function purpose(v: Values[string]): 'Registration' | 'Auth' | undefined {
  if (v === undefined) return undefined;
  if (v === 'Registration' || v === 'Auth') return v;
  throw new UsageError(`--purpose must be Registration or Auth, got ${JSON.stringify(text(v) ?? '')}`);
}

export function readText(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${option} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** `--trust ca.pem` (DEVICE and FTM) or `--trust DEVICE=ca.pem` / `--trust FTM=root.pem`. */
export function trustEntries(v: Values[string]): TrustEntry[] {
  return list(v).flatMap((arg) => {
    const m = /^(DEVICE|FTM)=(.+)$/.exec(arg);
    const domains: SbiDomain[] = m ? [m[1] as SbiDomain] : ['DEVICE', 'FTM'];
    const file = m ? m[2]! : arg;
    try {
      return trustEntriesFromPem(readText(file, '--trust'), domains, `--trust ${file}`);
    } catch (e) {
      if (e instanceof TrustInputError) throw new UsageError(e.message);
      throw e;
    }
  });
}
