import { createInterface } from 'node:readline';
import { z } from 'zod';
import { createTrustStore, PARTNER_DOMAINS, TRUST_PROFILES, validateCertificatePath } from '../../lib/pki/index.ts';
import type { TrustProfile, TrustStore } from '../../lib/pki/index.ts';
import { trustStoreOf } from '../core/certificates/trust.ts';
import type { Core } from '../core/index.ts';

/** One input line of `npm run cli -- verify`. */
const Line = z.object({
  id: z.union([z.string().max(256), z.number()]),
  domain: z.enum(PARTNER_DOMAINS),
  leaf: z.string().min(1).max(200_000),
  intermediates: z.array(z.string().max(200_000)).max(200).default([]),
  trusted: z.array(z.string().max(200_000)).max(200).optional(),
  time: z.string().datetime({ offset: true }).nullable().default(null),
  /** Overrides `--profile` for this line. */
  profile: z.enum(TRUST_PROFILES).optional(),
});

interface Answer {
  id: string | number | null;
  valid: boolean;
  code: string | null;
  reason: string;
  path: string[];
  /** The trust profile the line was judged under (null when the line could not be read). */
  profile: TrustProfile | null;
  warnings: string[];
}

/**
 * Validates many chains in one run: JSON lines in, one JSON line out per input, in order.
 * Without `trusted`, a line is checked against the local trust store of its domain. A line
 * that cannot be read answers `valid: false` with an input error code and the run goes on.
 * The profile is the line's `profile`, else `--profile`, else the domain's (local store) or keymanager.
 */
export async function verifyLines(
  core: Core,
  input: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
  now: () => Date,
  profile?: TrustProfile,
): Promise<{ total: number; valid: number }> {
  let local: TrustStore | null = null;
  let total = 0;
  let valid = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    if (raw.trim() === '') continue;
    total++;
    const answer = verifyOne(raw, () => (local ??= trustStoreOf(core.db.reader)), now, profile);
    if (answer.valid) valid++;
    out.write(`${JSON.stringify(answer)}\n`);
  }
  return { total, valid };
}

function verifyOne(
  raw: string,
  localTrust: () => TrustStore,
  now: () => Date,
  runProfile: TrustProfile | undefined,
): Answer {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return {
      id: null,
      valid: false,
      code: 'PD_RPC_001',
      reason: 'line is not valid JSON',
      path: [],
      profile: null,
      warnings: [],
    };
  }
  const parsed = Line.safeParse(json);
  const id =
    typeof json === 'object' &&
    json !== null &&
    'id' in json &&
    (typeof json.id === 'string' || typeof json.id === 'number')
      ? json.id
      : null;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      id,
      valid: false,
      code: 'PMS_COR_002',
      reason: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`,
      path: [],
      profile: null,
      warnings: [],
    };
  }
  const line = parsed.data;
  const trust = line.trusted
    ? createTrustStore(line.trusted.map((cert) => ({ cert, domain: line.domain, role: 'anchor' as const })))
    : localTrust();
  const profile = line.profile ?? runProfile;
  const verdict = validateCertificatePath({
    leaf: line.leaf,
    domain: line.domain,
    trust,
    intermediates: line.intermediates,
    at: line.time ? new Date(line.time) : now(),
    ...(profile ? { options: { profile } } : {}),
  });
  if (!verdict.ok)
    return {
      id: line.id,
      valid: false,
      code: verdict.code,
      reason: verdict.message,
      path: [],
      profile: verdict.profile,
      warnings: [],
    };
  return {
    id: line.id,
    valid: true,
    code: null,
    reason: 'valid',
    path: verdict.path.map((p) => p.thumbprint),
    profile: verdict.profile,
    warnings: verdict.warnings,
  };
}
