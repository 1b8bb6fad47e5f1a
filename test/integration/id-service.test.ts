/**
 * The ID authentication service and the desk's IDA client end to end: the real server host on
 * loopback, real SQLite, the hub's virtual SBI encrypting to the service's IDA-FIR key, all on the
 * test clock. Every refusal comes back signed, with IDA's code, and the service keeps answering.
 * Ports 46800–46809 belong to this file.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIdaClientConfig } from '../../main/core/ida/config.ts';
import type { IdaClientConfig } from '../../main/core/ida/client.ts';
import { idaCert, idaTime, sealAesGcm, upperHexSha256, wrapSessionKey } from '../../main/core/ida/crypto.ts';
import { signDetached, verifyDetached } from '../../main/core/ida/detached-jws.ts';
import { buildKycRequest } from '../../main/core/ida/request.ts';
import type { SbiAuthBiometric } from '../../main/core/ida/types.ts';
import { serviceCertificate } from '../../main/core/id-service/keys.ts';
import { issueCertificate, generateRsaKeys, KeyUsage, serialFrom, exportPkcs8 } from '../../lib/certificates/issuer.ts';
import { createPrivateKey } from 'node:crypto';
import { signIn } from '../helpers/core.ts';
import { idaWorld } from '../helpers/ida.ts';
import type { IdaWorld } from '../helpers/ida.ts';

let w: IdaWorld;
let cfg: IdaClientConfig;
beforeAll(async () => {
  w = await idaWorld([46800, 46809]);
  cfg = readIdaClientConfig(w.tc.core.db.reader, w.tc.core.deps.keyWrap)!;
}, 120_000);
afterAll(() => w?.close());

let seq = 0;
const txn = () => `TXN${String(++seq).padStart(7, '0')}`;
const AMINA = '5012345674';

interface Answer {
  status: number;
  json: {
    transactionID: string | null;
    response: Record<string, unknown> | null;
    errors: Array<{ errorCode: string; errorMessage: string }> | null;
  };
  signed: boolean;
}

/** POSTs raw bytes to the service and checks the answer's signature against the SIGN certificate. */
async function post(path: string, body: Buffer | string, signature?: string): Promise<Answer> {
  const res = await fetch(`${w.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { signature } : {}) },
    body,
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const verdict = await verifyDetached(res.headers.get('response-signature'), bytes);
  const sign = serviceCertificate(w.tc.core.db.reader, 'SIGN')!;
  return {
    status: res.status,
    json: JSON.parse(bytes.toString('utf8')) as Answer['json'],
    signed: verdict.ok && verdict.signerDer.equals(sign),
  };
}

const kycPath = (o: { misp?: string; partner?: string; apiKey?: string } = {}) =>
  `/kyc/${encodeURIComponent(o.misp ?? cfg.mispLicenseKey)}/${encodeURIComponent(o.partner ?? cfg.partnerId)}/${encodeURIComponent(o.apiKey ?? cfg.apiKey)}`;
const codes = (a: Answer) => (a.json.errors ?? []).map((e) => e.errorCode);

interface Craft {
  transactionId: string;
  biometrics: SbiAuthBiometric[];
  requestTime?: Date;
  hmacOf?: string;
  tamperRequest?: boolean;
  signKey?: IdaClientConfig['partnerKey'];
  signCert?: Uint8Array;
  id?: string;
}

/** A request built field by field, so one part at a time can be wrong. */
async function craft(c: Craft): Promise<{ body: Buffer; signature: string }> {
  const time = idaTime(c.requestTime ?? w.clock.now());
  const inner = Buffer.from(JSON.stringify({ timestamp: time, biometrics: c.biometrics }));
  const key = Buffer.alloc(32, 7);
  const service = idaCert(cfg.servicePartnerCertDer, 'PARTNER');
  const sealed = sealAesGcm(key, inner, Buffer.alloc(16, 1));
  if (c.tamperRequest) sealed.writeUInt8(sealed.readUInt8(5) ^ 0x01, 5);
  const outer = {
    id: c.id ?? 'mosip.identity.kyc',
    version: '1.0',
    requestTime: time,
    transactionID: c.transactionId,
    individualId: AMINA,
    individualIdType: 'UIN',
    consentObtained: true,
    env: 'Developer',
    domainUri: 'https://ida.demo',
    thumbprint: service.thumbprint,
    requestSessionKey: wrapSessionKey(service.publicKey, key).toString('base64url'),
    request: sealed.toString('base64url'),
    requestHMAC: sealAesGcm(key, Buffer.from(c.hmacOf ?? upperHexSha256(inner)), Buffer.alloc(16, 2)).toString(
      'base64url',
    ),
  };
  const body = Buffer.from(JSON.stringify(outer));
  return {
    body,
    signature: await signDetached(body, c.signKey ?? cfg.partnerKey, c.signCert ?? cfg.partnerCertDer),
  };
}

describe('e-KYC with the virtual SBI', () => {
  it('a finger the service enrolled matches and returns the consented claims only', async () => {
    const t = txn();
    const out = await w.client().kyc({
      individualId: AMINA,
      individualIdType: 'UIN',
      transactionId: t,
      consentObtained: true,
      biometrics: await w.capture(t),
    });
    expect(out).toMatchObject({
      ok: true,
      transactionId: t,
      claims: {
        fullName: 'Amina Diallo',
        dateOfBirth: '1990/04/12',
        email: 'amina.diallo@example.org',
        city: 'Dakar',
      },
    });
    if (!out.ok) return;
    expect(out.authToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(out.responseTime).toBe(w.clock.now().toISOString());
    // The audit names the partner and the individual and the outcome, never a biometric.
    const row = w.tc.core.db.reader
      .prepare(
        "SELECT actor, ref_id, result, error_code FROM app_audit_log WHERE module = 'idService' AND action = 'idService.kyc' ORDER BY time DESC, rowid DESC LIMIT 1",
      )
      .get();
    expect(row).toEqual({
      actor: 'partner:demo-registration-office',
      ref_id: AMINA,
      result: 'success',
      error_code: null,
    });
  });

  it('a named finger and a face, both enrolled, match too', async () => {
    const t = txn();
    const finger = await w.client().kyc({
      individualId: '5087654328',
      individualIdType: 'UIN',
      transactionId: t,
      consentObtained: true,
      biometrics: await w.capture(t, { bioSubType: ['Left IndexFinger'] }),
    });
    expect(finger).toMatchObject({ ok: true, claims: { fullName: 'Karim Benali' } });
    const f = txn();
    const face = await w.client().kyc({
      individualId: AMINA,
      individualIdType: 'UIN',
      transactionId: f,
      consentObtained: true,
      biometrics: await w.capture(f, { type: 'Face', deviceId: '6', bioSubType: [] }),
    });
    expect(face).toMatchObject({ ok: true, claims: { fullName: 'Amina Diallo' } });
  });

  it('a sample that is not the enrolled one is IDA-BIA-001; an unknown individual is IDA-MLC-018', async () => {
    const t = txn();
    const out = await w.client().kyc({
      individualId: '5099999993',
      individualIdType: 'UIN',
      transactionId: t,
      consentObtained: true,
      biometrics: await w.capture(t),
    });
    expect(out).toEqual({
      ok: false,
      code: 'IDA-BIA-001',
      message: 'Biometric data did not match',
      unreachable: false,
    });
    const u = txn();
    const unknown = await w.client().kyc({
      individualId: '5000000001',
      individualIdType: 'UIN',
      transactionId: u,
      consentObtained: true,
      biometrics: await w.capture(u),
    });
    expect(unknown).toMatchObject({ ok: false, code: 'IDA-MLC-018', unreachable: false });
  });

  it('the yes/no auth endpoint answers authStatus', async () => {
    const t = txn();
    const built = await buildKycRequest(
      {
        individualId: AMINA,
        individualIdType: 'UIN',
        transactionId: t,
        consentObtained: true,
        biometrics: await w.capture(t),
      },
      {
        servicePartnerCert: idaCert(cfg.servicePartnerCertDer, 'p'),
        partnerCertDer: cfg.partnerCertDer,
        partnerKey: cfg.partnerKey,
      },
      w.clock.now(),
      w.tc.core.deps.randomBytes,
      'mosip.identity.auth',
    );
    const a = await post(kycPath().replace('/kyc/', '/auth/'), built.body, built.signature);
    expect(a).toMatchObject({
      status: 200,
      signed: true,
      json: { errors: null, response: { authStatus: true } },
    });
  });
});

describe('refusals, each with a stable code and a signed answer', () => {
  it('a tampered encrypted request block is IDA-MPA-003; a body changed after signing is IDA-MPA-001', async () => {
    const t = txn();
    const biometrics = await w.capture(t);
    const tampered = await craft({ transactionId: t, biometrics, tamperRequest: true });
    const a = await post(kycPath(), tampered.body, tampered.signature);
    expect(a.signed).toBe(true);
    expect(codes(a)).toEqual(['IDA-MLC-007', 'IDA-MPA-003']);
    const good = await craft({ transactionId: t, biometrics });
    const changed = Buffer.from(
      good.body.toString('utf8').replace('"consentObtained":true', '"consentObtained":false '),
    );
    expect(codes(await post(kycPath(), changed, good.signature))).toEqual(['IDA-MLC-007', 'IDA-MPA-001']);
  });

  it('a tampered biometric (the device signature no longer holds) is IDA-MPA-001', async () => {
    const t = txn();
    const [item] = await w.capture(t);
    const [h, p, s] = item!.data.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as {
      bioValue: string;
    };
    payload.bioValue = `A${payload.bioValue.slice(1)}`;
    const forged = {
      ...item!,
      data: `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`,
    };
    const r = await craft({ transactionId: t, biometrics: [forged] });
    const a = await post(kycPath(), r.body, r.signature);
    expect(codes(a)).toEqual(['IDA-MLC-007', 'IDA-MPA-001']);
    expect(a.json.errors![1]!.errorMessage).toContain('request/biometrics/0/data');
  });

  it('a wrong hash chain is IDA-BIA-014', async () => {
    const t = txn();
    const [item] = await w.capture(t);
    const r = await craft({ transactionId: t, biometrics: [{ ...item!, hash: '0'.repeat(64) }] });
    expect(codes(await post(kycPath(), r.body, r.signature))).toEqual(['IDA-MLC-007', 'IDA-BIA-014']);
  });

  it('an HMAC that is not the upper-case SHA-256 of the request is IDA-MPA-016', async () => {
    const t = txn();
    const biometrics = await w.capture(t);
    const lower = await craft({
      transactionId: t,
      biometrics,
      hmacOf: upperHexSha256('something else'),
    });
    expect(codes(await post(kycPath(), lower.body, lower.signature))).toEqual(['IDA-MLC-007', 'IDA-MPA-016']);
    const inner = Buffer.from(JSON.stringify({ timestamp: idaTime(w.clock.now()), biometrics }));
    const lowercase = await craft({
      transactionId: t,
      biometrics,
      hmacOf: upperHexSha256(inner).toLowerCase(),
    });
    expect(codes(await post(kycPath(), lowercase.body, lowercase.signature))).toContain('IDA-MPA-016');
  });

  it('a request signed with another key: its own certificate is IDA-MPA-021, the partner certificate with a foreign key is IDA-MPA-001', async () => {
    const t = txn();
    const biometrics = await w.capture(t);
    const now = w.clock.now();
    const pair = await generateRsaKeys();
    const otherDer = await issueCertificate({
      subject: 'CN=intruder, O=Elsewhere',
      issuer: 'self',
      signingKey: pair.privateKey,
      publicKey: pair.publicKey,
      serialHex: serialFrom(Buffer.alloc(16, 3)),
      notBefore: new Date(now.getTime() - 86_400_000),
      notAfter: new Date(now.getTime() + 86_400_000 * 30),
      ca: false,
      keyUsages: KeyUsage.digitalSignature,
    });
    const otherKey = createPrivateKey({
      key: Buffer.from(await exportPkcs8(pair.privateKey)),
      format: 'der',
      type: 'pkcs8',
    });
    const own = await craft({
      transactionId: t,
      biometrics,
      signKey: otherKey,
      signCert: otherDer,
    });
    expect(codes(await post(kycPath(), own.body, own.signature))).toEqual(['IDA-MLC-007', 'IDA-MPA-021']);
    const foreign = await craft({
      transactionId: t,
      biometrics,
      signKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
    });
    expect(codes(await post(kycPath(), foreign.body, foreign.signature))).toEqual(['IDA-MLC-007', 'IDA-MPA-001']);
    // Another Auth partner's own credentials and certificate do not make the desk's request theirs.
    expect(codes(await post(kycPath({ partner: 'aurora-identity-services' }), own.body, own.signature))).toEqual([
      'IDA-MLC-007',
      'IDA-MPA-009',
    ]);
  });

  it('a replayed request (same transaction id) is PD_IDA_006; a requestTime outside the window is IDA-MLC-001', async () => {
    const t = txn();
    const r = await craft({ transactionId: t, biometrics: await w.capture(t) });
    const first = await post(kycPath(), r.body, r.signature);
    expect(first.json.errors).toBeNull();
    const again = await post(kycPath(), r.body, r.signature);
    expect(codes(again)).toEqual(['PD_IDA_006']);
    expect(again.signed).toBe(true);
    const u = txn();
    const biometrics = await w.capture(u);
    const old = await craft({
      transactionId: u,
      biometrics,
      requestTime: new Date(w.clock.now().getTime() - 61_000),
    });
    expect(codes(await post(kycPath(), old.body, old.signature))).toEqual(['IDA-MLC-001']);
    const ahead = await craft({
      transactionId: u,
      biometrics,
      requestTime: new Date(w.clock.now().getTime() + 31_000),
    });
    expect(codes(await post(kycPath(), ahead.body, ahead.signature))).toEqual(['IDA-MLC-001']);
    // The same capture sent later than the window allows is refused too (the officer captures again).
    w.clock.advance(90);
    const late = await w.client().kyc({
      individualId: AMINA,
      individualIdType: 'UIN',
      transactionId: u,
      consentObtained: true,
      biometrics,
    });
    expect(late).toMatchObject({ ok: false, code: 'IDA-MLC-001' });
  });

  it('a transaction id that is not 10 letters or digits, or no consent, is refused', async () => {
    const t = txn();
    const biometrics = await w.capture(t);
    const out = await w.client().kyc({
      individualId: AMINA,
      individualIdType: 'UIN',
      transactionId: t,
      consentObtained: false,
      biometrics,
    });
    expect(out).toMatchObject({ ok: false, code: 'IDA-MLC-012' });
    const short = await w.capture('SHORT1');
    const r = await craft({ transactionId: 'SHORT1', biometrics: short });
    expect(codes(await post(kycPath(), r.body, r.signature))).toEqual(['IDA-MLC-009']);
  });

  it('wrong path segments, other partners, a bad MISP licence or API key', async () => {
    const t = txn();
    const r = await craft({ transactionId: t, biometrics: await w.capture(t) });
    const missing = await post(`/kyc/${cfg.mispLicenseKey}/${cfg.partnerId}`, r.body, r.signature);
    expect(missing).toMatchObject({ status: 200, signed: true });
    expect(codes(missing)).toEqual(['IDA-MLC-007', 'IDA-MPA-038']);
    expect(codes(await post(`${kycPath()}/extra`, r.body, r.signature))).toEqual(['IDA-MLC-007', 'IDA-MPA-038']);
    expect(codes(await post(`/kyc/${cfg.mispLicenseKey}/%E0%A4%A/${cfg.apiKey}`, r.body, r.signature))).toEqual([
      'IDA-MLC-007',
      'IDA-MPA-038',
    ]);
    const otp = await post('/otp/x/y/z', r.body, r.signature);
    expect(otp.status).toBe(404);
    expect(codes(otp)).toEqual(['IDA-MLC-007', 'IDA-MLC-009']);
    // A credential partner (not AUTH) and an Auth partner never approved: not registered / deactivated.
    expect(codes(await post(kycPath({ partner: 'nile-credential-bureau' }), r.body, r.signature))).toEqual([
      'IDA-MLC-007',
      'IDA-MPA-009',
    ]);
    expect(codes(await post(kycPath({ partner: 'banque-populaire-du-sahel' }), r.body, r.signature))).toEqual([
      'IDA-MLC-007',
      'IDA-MPA-012',
    ]);
    expect(codes(await post(kycPath({ apiKey: 'not-a-key' }), r.body, r.signature))).toEqual([
      'IDA-MLC-007',
      'IDA-MPA-009',
    ]);
    expect(codes(await post(kycPath({ misp: 'not-a-licence' }), r.body, r.signature))).toEqual([
      'IDA-MLC-007',
      'IDA-MPA-007',
    ]);
    // A working key of another Auth partner whose policy has no e-KYC: /kyc refuses it for that;
    // /auth goes on to the signature, which is not that partner's certificate.
    const aurora = await signIn(w.tc, 'aurora-identity-services', w.password);
    const { apiKey } = await w.tc.call(
      'apiKeys.generate',
      { partnerId: 'aurora-identity-services', policyId: 'demo-pol-ekyc', label: 'IDA test' },
      aurora,
    );
    expect(codes(await post(kycPath({ partner: 'aurora-identity-services', apiKey }), r.body, r.signature))).toEqual([
      'IDA-MLC-007',
      'IDA-MPA-013',
    ]);
    const u = txn();
    const asAuth = await craft({
      transactionId: u,
      biometrics: await w.capture(u),
      id: 'mosip.identity.auth',
    });
    expect(
      codes(
        await post(
          kycPath({ partner: 'aurora-identity-services', apiKey }).replace('/kyc/', '/auth/'),
          asAuth.body,
          asAuth.signature,
        ),
      ),
    ).toEqual(['IDA-MLC-007', 'IDA-MPA-021']);
  });

  it('bad JSON, a missing signature, a wrong id or version, an oversized body: refused, and the service still answers', async () => {
    expect(codes(await post(kycPath(), '{"id": "mosip.identity.kyc",', 'x..y'))).toEqual([
      'IDA-MLC-007',
      'IDA-MLC-006',
    ]);
    expect(codes(await post(kycPath(), '[1,2,3]', 'x..y'))).toEqual(['IDA-MLC-007', 'IDA-MLC-006']);
    const t = txn();
    const r = await craft({ transactionId: t, biometrics: await w.capture(t) });
    expect(codes(await post(kycPath(), r.body))).toEqual(['IDA-MLC-007', 'IDA-MLC-006']);
    expect(codes(await post(kycPath(), r.body, 'not a jws'))).toEqual(['IDA-MLC-007', 'IDA-MPA-001']);
    const v1 = Buffer.from(r.body.toString('utf8').replace('"version":"1.0"', '"version":"v1"'));
    expect(codes(await post(kycPath(), v1, await signDetached(v1, cfg.partnerKey, cfg.partnerCertDer)))).toEqual([
      'IDA-MLC-007',
      'IDA-MLC-009',
    ]);
    const big = await post(kycPath(), Buffer.alloc(3 * 1024 * 1024, 0x20), r.signature);
    expect(big.status).toBe(413);
    expect(big.signed).toBe(true);
    expect(codes(big)).toEqual(['IDA-MLC-007', 'PD_RPC_002']);
    const cert = await fetch(`${w.baseUrl}/internal/getCertificate?applicationId=IDA&referenceId=IDA-FIR`);
    expect(((await cert.json()) as { response: { certificate: string } }).response.certificate).toMatch(
      /^-----BEGIN CERTIFICATE-----/,
    );
    const u = txn();
    expect(
      await w.client().kyc({
        individualId: AMINA,
        individualIdType: 'UIN',
        transactionId: u,
        consentObtained: true,
        biometrics: await w.capture(u),
      }),
    ).toMatchObject({ ok: true });
    // The log lines name the partner and the code, never the MISP licence or the API key in the path.
    const lines = w.logLines.filter((l) => String(l.path).startsWith('/idauthentication/v1/kyc/'));
    expect(lines.length).toBeGreaterThan(5);
    expect(JSON.stringify(w.logLines)).not.toContain(cfg.apiKey);
    expect(JSON.stringify(w.logLines)).not.toContain(cfg.mispLicenseKey);
    expect(
      lines.some(
        (l) => l.path === '/idauthentication/v1/kyc/***/demo-registration-office/***' && l.code === 'PD_RPC_002',
      ),
    ).toBe(true);
  });
});

describe('the desk client', () => {
  it('says unreachable for a closed port and refuses an answer signed by anyone but the service', async () => {
    const t = txn();
    const biometrics = await w.capture(t);
    const input = {
      individualId: AMINA,
      individualIdType: 'UIN' as const,
      transactionId: t,
      consentObtained: true,
      biometrics,
    };
    const down = await w
      .client({ fetch: (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch })
      .kyc(input);
    expect(down).toMatchObject({ ok: false, code: 'PD_IDA_001', unreachable: true });
    const failing = await w
      .client({ fetch: (async () => new Response('busy', { status: 503 })) as typeof fetch })
      .kyc(input);
    expect(failing).toMatchObject({ ok: false, code: 'PD_IDA_001', unreachable: true });
    // A man in the middle re-signs a "success" with his own key: not believed.
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const mitm = (async (url: string, init: RequestInit) => {
      const real = await fetch(url, init);
      const body = Buffer.from(await real.arrayBuffer());
      return new Response(body, {
        status: 200,
        headers: { 'response-signature': await signDetached(body, forger, cfg.partnerCertDer) },
      });
    }) as typeof fetch;
    expect(await w.client({ fetch: mitm }).kyc(input)).toMatchObject({
      ok: false,
      code: 'PD_IDA_003',
      unreachable: false,
    });
  });
});

describe('partner state read at the moment of use', () => {
  it('an expired partner certificate is refused (IDA-MPA-001, the signer is out of its dates)', async () => {
    const notAfter = Date.parse(idaCert(cfg.partnerCertDer, 'p').x509.validTo);
    const saved = w.clock.current;
    const t = txn();
    const r = await craft({ transactionId: t, biometrics: await w.capture(t) });
    w.clock.current = new Date(notAfter + 1000);
    try {
      const a = await post(kycPath(), r.body, r.signature);
      expect(codes(a)).toEqual(['IDA-MLC-007', 'IDA-MPA-001']);
      expect(a.json.errors![1]!.errorMessage).toMatch(/expired/);
    } finally {
      w.clock.current = saved;
    }
  });

  it('an API key deactivated a second ago fails at once (IDA-MPA-012)', async () => {
    const t = txn();
    const biometrics = await w.capture(t);
    const admin = await signIn(w.tc, 'admin', w.password);
    await w.tc.call('apiKeys.deactivate', { id: 'demo-key-desk' }, admin);
    w.clock.advance(1);
    const out = await w.client().kyc({
      individualId: AMINA,
      individualIdType: 'UIN',
      transactionId: t,
      consentObtained: true,
      biometrics,
    });
    expect(out).toEqual({
      ok: false,
      code: 'IDA-MPA-012',
      message: 'API key is deactivated.',
      unreachable: false,
    });
  });
});
