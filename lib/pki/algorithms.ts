import { constants, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { DerError, TAG, children, expect, readOid, readSmallUint, readTlv, whole } from './der.ts';
import type { Tlv } from './der.ts';
import { fault } from './verdict.ts';
import type { Fault } from './verdict.ts';

/**
 * Algorithm policy (keymanager: RSA ≥ 2048 bits, SHA-2 signatures) plus what the desk supports:
 * EC keys on P-256/P-384 only, and RSA-PSS with SHA-2. Signatures are checked with Node's native
 * crypto on the exact TBS bytes.
 */
export type HashName = 'sha224' | 'sha256' | 'sha384' | 'sha512';

export interface SignatureScheme {
  family: 'rsa' | 'rsa-pss' | 'ecdsa';
  hash: HashName;
  saltLength?: number;
  /** Display name, Java-style (keymanager compares the prefix "SHA2"). */
  name: string;
  /** ECDSA with NULL parameters: Java reads past it, RFC 5758 3.2 says absent (PD_PKI_W09). */
  nullParameters?: true;
}

export interface AlgorithmId {
  oid: string;
  /** The DER of the parameters, or null when absent. */
  params: Uint8Array | null;
  /** The whole AlgorithmIdentifier, for the inner/outer equality check. */
  der: Uint8Array;
}

const HASHES: Record<string, HashName> = {
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const PKCS1: Record<string, HashName> = {
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};
const ECDSA: Record<string, HashName> = {
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
/** Recognized but refused, so the message can name them. */
const WEAK: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'MD5withRSA',
  '1.2.840.113549.1.1.5': 'SHA1withRSA',
  '1.2.840.10045.4.1': 'SHA1withECDSA',
  '1.2.840.10040.4.3': 'SHA1withDSA',
  '2.16.840.1.101.3.4.3.2': 'SHA256withDSA',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const MGF1 = '1.2.840.113549.1.1.8';
const RSA_KEY = '1.2.840.113549.1.1.1';
const EC_KEY = '1.2.840.10045.2.1';
const CURVES: Record<string, string> = { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384' };
const NULL_DER = [TAG.NULL, 0];
const MAX_RSA_BITS = 8192; // larger keys only cost time; no CA issues them

export function readAlgorithmId(buf: Uint8Array, t: Tlv): AlgorithmId {
  const [oid, params, extra] = children(buf, expect(t, TAG.SEQUENCE, 'AlgorithmIdentifier'));
  if (!oid || extra) throw new DerError('bad AlgorithmIdentifier');
  return { oid: readOid(buf, oid), params: params ? whole(buf, params) : null, der: whole(buf, t) };
}

const absentOrNull = (p: Uint8Array | null): boolean =>
  p === null || (p.length === 2 && p[0] === NULL_DER[0] && p[1] === NULL_DER[1]);

/** RSASSA-PSS-params with SHA-2, MGF1 over the same hash, trailer field 1. */
function pssScheme(params: Uint8Array | null): SignatureScheme | string {
  if (!params) return 'RSASSA-PSS without parameters defaults to SHA-1';
  try {
    const seq = readTlv(params, 0, params.length);
    let hash: HashName | undefined;
    let mgfHash: HashName | undefined;
    let saltLength = 20;
    for (const f of children(params, expect(seq, TAG.SEQUENCE, 'RSASSA-PSS-params'))) {
      const [inner] = children(params, f);
      if (!inner) throw new DerError('empty PSS field');
      if (f.tag === 0xa0) hash = HASHES[readAlgorithmId(params, inner).oid];
      else if (f.tag === 0xa1) {
        const mgf = readAlgorithmId(params, inner);
        if (mgf.oid !== MGF1 || !mgf.params) return 'RSASSA-PSS mask generation is not MGF1';
        mgfHash = HASHES[readAlgorithmId(mgf.params, readTlv(mgf.params, 0, mgf.params.length)).oid];
      } else if (f.tag === 0xa2) saltLength = readSmallUint(params, inner);
      else if (f.tag === 0xa3) {
        if (readSmallUint(params, inner) !== 1) return 'RSASSA-PSS trailer field must be 1';
      } else throw new DerError('unknown PSS field');
    }
    if (!hash || hash !== mgfHash) return 'RSASSA-PSS must use one SHA-2 hash for the digest and MGF1';
    return { family: 'rsa-pss', hash, saltLength, name: `RSASSA-PSS(${hash.toUpperCase()})` };
  } catch {
    return 'RSASSA-PSS parameters are malformed';
  }
}

/** The scheme a certificate is signed with, or a KER-PCM-014 fault. */
export function signatureScheme(alg: AlgorithmId): SignatureScheme | Fault {
  const refuse = (why: string) => fault('KER-PCM-014', 'signatureAlgorithm', why);
  const pkcs1 = PKCS1[alg.oid];
  if (pkcs1)
    return absentOrNull(alg.params)
      ? { family: 'rsa', hash: pkcs1, name: `${pkcs1.toUpperCase()}withRSA` }
      : refuse('RSA signature parameters must be NULL');
  const ec = ECDSA[alg.oid];
  if (ec) {
    if (!absentOrNull(alg.params)) return refuse('ECDSA signature parameters must be absent');
    return {
      family: 'ecdsa',
      hash: ec,
      name: `${ec.toUpperCase()}withECDSA`,
      ...(alg.params ? { nullParameters: true as const } : {}),
    };
  }
  if (alg.oid === RSASSA_PSS) {
    const s = pssScheme(alg.params);
    return typeof s === 'string' ? refuse(s) : s;
  }
  return refuse(`signature algorithm ${WEAK[alg.oid] ?? alg.oid} is not SHA-2 based`);
}

export interface PublicKeyInfo {
  key: KeyObject;
  kind: 'rsa' | 'ec';
  /** "RSA-2048", "EC P-256". */
  label: string;
}

/** Imports the SPKI with native crypto and applies the key policy. */
export function importPublicKey(spki: Uint8Array, alg: AlgorithmId): PublicKeyInfo | Fault {
  const unsupported = (why: string) => fault('PD_PKI_007', 'keyPolicy', why);
  if (alg.oid === RSA_KEY) {
    if (!absentOrNull(alg.params)) return unsupported('RSA key parameters must be NULL');
  } else if (alg.oid === EC_KEY) {
    if (!alg.params || alg.params[0] !== TAG.OID)
      return unsupported('EC keys must name their curve (explicit parameters are refused)');
    let curve: string | undefined;
    try {
      curve = CURVES[readOid(alg.params, readTlv(alg.params, 0, alg.params.length))];
    } catch {
      return unsupported('EC curve parameters are malformed');
    }
    if (!curve) return unsupported('EC curve is not P-256 or P-384');
  } else return unsupported(`key algorithm ${alg.oid} is not supported (RSA or EC P-256/P-384 only)`);
  let key: KeyObject;
  try {
    key = createPublicKey({
      key: Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength),
      format: 'der',
      type: 'spki',
    });
  } catch {
    return unsupported('public key cannot be imported');
  }
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    if (bits < 2048) return fault('KER-PCM-013', 'keyPolicy', `RSA key of ${bits} bits is smaller than 2048`);
    if (bits > MAX_RSA_BITS) return unsupported(`RSA key of ${bits} bits is larger than ${MAX_RSA_BITS}`);
    return { key, kind: 'rsa', label: `RSA-${bits}` };
  }
  if (key.asymmetricKeyType === 'ec' && (details.namedCurve === 'prime256v1' || details.namedCurve === 'secp384r1'))
    return {
      key,
      kind: 'ec',
      label: details.namedCurve === 'prime256v1' ? 'EC P-256' : 'EC P-384',
    };
  return unsupported('public key type or curve is not supported');
}

/** Native signature check; never throws. */
export function verifySignature(
  tbs: Uint8Array,
  signature: Uint8Array,
  scheme: SignatureScheme,
  issuer: PublicKeyInfo,
): boolean {
  if ((scheme.family === 'ecdsa') !== (issuer.kind === 'ec')) return false;
  try {
    if (scheme.family === 'rsa-pss')
      return verify(
        scheme.hash,
        tbs,
        {
          key: issuer.key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: scheme.saltLength ?? 20,
        },
        signature,
      );
    return verify(scheme.hash, tbs, issuer.key, signature);
  } catch {
    return false;
  }
}
