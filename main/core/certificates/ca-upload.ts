import { AppError, isErrorCode } from '../../contract/index.ts';
import type { ErrorCode, Input, Output } from '../../contract/index.ts';
import { caCheck, createTrustStore, parseCertificate, validateCertificatePath } from '../../../lib/pki/index.ts';
import { signedBy } from '../../../lib/pki/build.ts';
import type { ParsedCert, PartnerDomain, TrustEntry } from '../../../lib/pki/index.ts';
import type { CommandCtx } from '../context.ts';
import { certificatesInFile, toPem } from './decode.ts';
import { identityOf } from './details.ts';
import { minimumValidityMs, minimumValidityRefusal, notCaReason } from './refusals.ts';
import { profileOf } from './profiles.ts';
import { newUuid } from '../ids.ts';

type Result = Output<'trustStore.upload'>['results'][number];
const isParsedCertificate = (x: ReturnType<typeof parseCertificate>): x is ParsedCert => 'thumbprint' in x;

interface Candidate {
  index: number;
  der: Uint8Array;
  parsed: ParsedCert;
  /** The domain profile's leniencies on the certificate itself (a root keeps them as its warnings). */
  warnings: string[];
}

/** A refused certificate; `params` feed the translated message. */
function failed(
  index: number,
  code: ErrorCode,
  message: string,
  issuedTo: string | null = null,
  params?: Record<string, string>,
): Result {
  return {
    index,
    status: 'Upload Failed',
    certificateId: null,
    caCertificateType: null,
    issuedTo,
    code,
    message,
    warnings: [],
    ...(params ? { params } : {}),
  };
}

const asCode = (code: string): ErrorCode => (isErrorCode(code) ? code : 'KER-PCM-001');

/**
 * Trust-store upload (keymanager `uploadCACertificate`, pms.md §1.8): each certificate of the file
 * is checked on its own — v3, a CA, dates, 12 months of remaining validity, key and algorithm,
 * not a duplicate — then self-signed ones become ROOT and the others INTERMEDIATE, which must
 * chain to a root of the same domain. Bundles may list their certificates in any order.
 */
export function uploadCaCertificates(ctx: CommandCtx, input: Input<'trustStore.upload'>) {
  const domain = input.partnerDomain as PartnerDomain;
  const ders = certificatesInFile(input.contentBase64);
  const at = ctx.now;
  const minimum = { months: ctx.deps.config.certificates.caMinValidityMonths };
  const minRemainingValidityMs = minimumValidityMs(minimum);
  const profile = profileOf(ctx.db, domain);
  const results: Result[] = [];
  const candidates: Candidate[] = [];

  ders.forEach((der, index) => {
    const parsed = parseCertificate(der);
    if (!isParsedCertificate(parsed)) return void results.push(failed(index, asCode(parsed.code), parsed.message));
    const issuedTo = identityOf(der).issuedTo;
    // CA-ness first: an end-entity certificate is told it is no CA, not that it is too short-lived.
    // (keymanager's uploadCACertificate never looks at basicConstraints and would store a
    // self-signed end-entity certificate as a ROOT; the desk refuses it.) A v1 certificate, which
    // cannot say, gets keymanager's version answer below.
    const notCa = parsed.faults.version ? null : notCaReason(parsed);
    if (notCa) {
      return void results.push(
        failed(
          index,
          'PD_PKI_001',
          `${issuedTo || 'This certificate'} is not a CA certificate (${notCa}); only root and intermediate CA certificates go into the trust store.`,
          issuedTo,
          { notCa: 'true' },
        ),
      );
    }
    const selfCheck = validateCertificatePath({
      leaf: parsed,
      domain,
      trust: createTrustStore([{ cert: parsed, domain, role: 'anchor' }]),
      at,
      options: { allowSelfSignedLeaf: true, minRemainingValidityMs, profile },
    });
    // Only the checks on the certificate itself count here; "no path" just means "not self-signed".
    if (!selfCheck.ok && selfCheck.check === 'minimumValidity') {
      const refusal = minimumValidityRefusal(parsed, at, minimum);
      return void results.push(failed(index, refusal.code, refusal.message, issuedTo, refusal.params));
    }
    if (!selfCheck.ok && !['KER-PCM-005', 'KER-PCM-006', 'PD_PKI_006'].includes(selfCheck.code)) {
      return void results.push(failed(index, asCode(selfCheck.code), selfCheck.message, issuedTo));
    }
    const asCa = caCheck(parsed, profile);
    if (asCa.fault) return void results.push(failed(index, asCode(asCa.fault.code), asCa.fault.message, issuedTo));
    const dup = ctx.db
      .prepare('SELECT id FROM ca_certificate WHERE domain = ? AND thumbprint = ?')
      .get(domain, parsed.thumbprint) as { id: string } | undefined;
    if (dup || candidates.some((c) => c.parsed.thumbprint === parsed.thumbprint)) {
      return void results.push(
        failed(
          index,
          'KER-PCM-003',
          `This certificate is already in the ${domain} trust store${dup ? ` (${dup.id})` : ''}.`,
          issuedTo,
        ),
      );
    }
    const ownWarnings = selfCheck.ok ? selfCheck.warnings : asCa.warnings;
    candidates.push({
      index,
      der,
      parsed,
      warnings: [...new Set<string>([...ownWarnings, ...asCa.warnings])].sort(),
    });
  });

  const stored = ctx.db.prepare('SELECT ca_type, der FROM ca_certificate WHERE domain = ?').all(domain) as Array<{
    ca_type: string;
    der: Buffer;
  }>;
  const trusted: TrustEntry[] = stored.map((r) => ({
    cert: new Uint8Array(r.der),
    domain,
    role: r.ca_type === 'ROOT' ? 'anchor' : 'intermediate',
  }));
  const accept = (c: Candidate, caType: 'ROOT' | 'INTERMEDIATE', warnings: string[]) => {
    const id = newUuid(ctx.deps);
    const who = identityOf(c.der);
    ctx.db
      .prepare(
        `INSERT INTO ca_certificate (id, domain, ca_type, thumbprint, der, subject, issuer, issued_to, issued_by, serial, not_before, not_after, uploaded_at, uploaded_by, warnings)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        domain,
        caType,
        c.parsed.thumbprint,
        Buffer.from(c.der),
        who.subject,
        who.issuer,
        who.issuedTo,
        who.issuedBy,
        who.serialNumber,
        who.notBefore,
        who.notAfter,
        at.toISOString(),
        ctx.actor?.userId ?? 'system',
        JSON.stringify(warnings),
      );
    trusted.push({ cert: c.parsed, domain, role: caType === 'ROOT' ? 'anchor' : 'intermediate' });
    results.push({
      index: c.index,
      status: 'Upload Success',
      certificateId: id,
      caCertificateType: caType,
      issuedTo: who.issuedTo,
      code: null,
      message: `${caType === 'ROOT' ? 'Root' : 'Intermediate'} CA certificate added to ${domain}.`,
      warnings,
    });
  };

  // Roots first, then intermediates in as many passes as the bundle's order needs.
  const roots = candidates.filter((c) => c.parsed.selfIssued && signedBy(c.parsed, c.parsed));
  for (const c of roots) accept(c, 'ROOT', c.warnings);
  let pending = candidates.filter((c) => !roots.includes(c));
  const lastFailure = new Map<number, { code: string; message: string }>();
  for (let progress = true; progress && pending.length > 0;) {
    progress = false;
    for (const c of [...pending]) {
      const verdict = validateCertificatePath({
        leaf: c.parsed,
        domain,
        trust: createTrustStore(trusted),
        at,
        options: { minRemainingValidityMs, profile },
      });
      if (verdict.ok) {
        accept(c, 'INTERMEDIATE', [...new Set<string>([...verdict.warnings, ...c.warnings])].sort());
        pending = pending.filter((p) => p !== c);
        progress = true;
      } else lastFailure.set(c.index, verdict);
    }
  }
  for (const c of pending) {
    const f = lastFailure.get(c.index);
    // keymanager answers "root CA not found" for an intermediate without a path (KER-PCM-005).
    const code = !f || f.code === 'KER-PCM-006' ? 'KER-PCM-005' : asCode(f.code);
    results.push(failed(c.index, code, f?.message ?? 'no root CA for this certificate', identityOf(c.der).issuedTo));
  }

  results.sort((a, b) => a.index - b.index);
  const ok = results.filter((r) => r.status === 'Upload Success');
  if (ok.length === 0) {
    const first = results[0]!;
    // Nothing is written; a bundle still reports each certificate's code, keyed `certificate.<index>`.
    const fields =
      results.length > 1
        ? Object.fromEntries(results.map((r) => [`certificate.${r.index}`, r.code ?? 'KER-PCM-001']))
        : undefined;
    throw new AppError(
      asCode(first.code ?? 'KER-PCM-001'),
      results.length === 1
        ? first.message
        : `None of the ${results.length} certificates was accepted: ${first.message}`,
      fields,
      results.length === 1 ? first.params : undefined,
    );
  }
  ctx.changed('trustStore');
  return {
    output: {
      status: ok.length === results.length ? ('Upload Success' as const) : ('Partial Success' as const),
      profile,
      results,
    },
    ref: { type: 'ca_certificate' as const, id: ok[0]!.certificateId! },
    outbox: {
      partnerDomain: domain,
      certificates: ok.map((r) => ({
        certificateId: r.certificateId,
        caCertificateType: r.caCertificateType,
        pem: toPem(ders[r.index]!),
      })),
    },
  };
}
