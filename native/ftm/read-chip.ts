/**
 * Reads an FTM chip and judges it: INFO, the certificate chain, a proof of possession (a fresh
 * random challenge signed by the chip, verified with the chip certificate's key) and the chain's
 * trust against the given FTM anchors through lib/pki (domain FTM). Possession and trust
 * are verdicts, not exceptions; a chip that cannot be talked to throws HidError or FtmError.
 */
import { randomBytes, verify } from 'node:crypto';
import { createTrustStore, parseCertificate, splitPem, validateCertificatePath } from '../../lib/pki/index.ts';
import type { ParsedCert, TrustEntry, TrustStore } from '../../lib/pki/index.ts';
import { HidTransport } from '../hid/transport.ts';
import type { RequestOptions } from '../hid/transport.ts';
import { toPem } from '../virtual/pki.ts';
import { FtmChipClient } from './client.ts';
import { FtmError, popMessage } from './protocol.ts';

export interface Verdict {
  verdict: 'verified' | 'failed';
  /** Why it failed (with the PKI code for trust); null when verified. */
  reason: string | null;
}

export interface ChainEntry {
  pem: string;
  subject: string;
  issuer: string;
  notAfter: string;
}

/** The contract's FtmChipReading (main/contract/methods/hardware.ts). */
export interface FtmChipReading {
  make: string;
  model: string;
  serial: string;
  firmware: string;
  chain: ChainEntry[];
  possession: Verdict;
  trust: Verdict;
}

export interface ReadFtmChipOptions {
  /** PEM text(s) of the FTM trust anchors; each may hold several certificates. */
  trustAnchorsPem: string | readonly string[];
  /** A ready trust store (the app's, from the database); used instead of `trustAnchorsPem` when given. */
  trustStore?: TrustStore;
  /** Validation time. */
  now: Date;
  /** 32 random bytes unless given (tests pin it). */
  challenge?: Uint8Array;
  request?: RequestOptions;
}

const ok: Verdict = { verdict: 'verified', reason: null };
const failed = (reason: string): Verdict => ({ verdict: 'failed', reason });

export async function readFtmChip(
  source: HidTransport | FtmChipClient,
  opts: ReadFtmChipOptions,
): Promise<FtmChipReading> {
  const client = source instanceof HidTransport ? new FtmChipClient(source, opts.request) : source;
  const info = await client.info();
  const ders = await client.certificateChain();
  const certs = ders.map((der, i) => {
    const parsed = parseCertificate(der);
    if (!('thumbprint' in parsed))
      throw new FtmError('FTM_BAD_CERTIFICATE', `certificate ${i} from the chip: ${parsed.message}`);
    return parsed;
  });
  const challenge = opts.challenge ?? new Uint8Array(randomBytes(32));
  const { signature } = await client.sign(challenge);
  return {
    ...info,
    chain: certs.map((c) => ({
      pem: toPem(c.der),
      subject: c.subject.text,
      issuer: c.issuer.text,
      notAfter: new Date(c.notAfter).toISOString(),
    })),
    possession: checkPossession(certs[0]!, challenge, signature),
    trust: checkTrust(certs, opts),
  };
}

function checkPossession(leaf: ParsedCert, challenge: Uint8Array, signature: Uint8Array): Verdict {
  const key = leaf.publicKey;
  if ('code' in key) return failed(`the chip certificate's key cannot be used: ${key.message}`);
  if (key.kind !== 'rsa') return failed(`the chip answered RS256 but its certificate holds an ${key.label} key`);
  let good: boolean;
  try {
    good = verify('sha256', popMessage(challenge), key.key, signature);
  } catch {
    good = false; // a signature node:crypto cannot even process
  }
  return good ? ok : failed("the chip's signature over the challenge does not verify with its certificate's key");
}

function checkTrust(certs: ParsedCert[], opts: ReadFtmChipOptions): Verdict {
  if (opts.trustStore) {
    const v = validateCertificatePath({
      leaf: certs[0]!,
      domain: 'FTM',
      trust: opts.trustStore,
      intermediates: certs.slice(1),
      at: opts.now,
    });
    return v.ok ? ok : failed(`${v.code}: ${v.message}`);
  }
  const texts = typeof opts.trustAnchorsPem === 'string' ? [opts.trustAnchorsPem] : opts.trustAnchorsPem;
  const entries: TrustEntry[] = texts
    .flatMap((t) => splitPem(t))
    .map((cert) => ({ cert, domain: 'FTM', role: 'anchor' }));
  if (!entries.length) return failed('no FTM trust anchor was given');
  const trust = createTrustStore(entries);
  if (trust.rejected.length)
    return failed(
      `FTM trust anchor ${trust.rejected[0]!.index + 1} cannot be read: ${trust.rejected[0]!.fault.message}`,
    );
  const v = validateCertificatePath({
    leaf: certs[0]!,
    domain: 'FTM',
    trust,
    intermediates: certs.slice(1),
    at: opts.now,
  });
  return v.ok ? ok : failed(`${v.code}: ${v.message}`);
}
