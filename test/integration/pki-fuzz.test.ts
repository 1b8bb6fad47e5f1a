import { sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PKI_ERROR_CODES, createTrustStore, validateCertificatePath } from '../../lib/pki/index.ts';
import type { Verdict } from '../../lib/pki/index.ts';
import { LIMBO_PATH } from '../conformance/limbo-harness.ts';
import { Rng, mutateDer, mutatePem } from '../fuzz/mutator.ts';
import { AT, der, ext, intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import type { TestCert } from '../helpers/pki.ts';

/**
 * Fuzz: ≥ 100k mutated DER and PEM inputs through the whole validator. Every input must come back
 * as a verdict — a typed refusal unless the mutation happened to keep a valid certificate — with
 * no throw and no input taking more than the engine's own budget allows.
 * PKI_FUZZ_SEED / PKI_FUZZ_COUNT override the defaults.
 */
const SEED = Number(process.env.PKI_FUZZ_SEED ?? 20261121);
const COUNT = Number(process.env.PKI_FUZZ_COUNT ?? 120_000);
const codes = new Set<string>(PKI_ERROR_CODES);

/** The TBS of `cert`, mutated and signed again by `issuer`, so the damage reaches the checks behind the signature. */
function resigned(rng: Rng, cert: Uint8Array, issuer: TestCert, other: Uint8Array): Uint8Array {
  const tbsLength = cert[1]! & 0x80 ? 4 + ((cert[6]! << 8) | cert[7]!) : 0; // both seeds use 0x82 lengths
  const tbs = mutateDer(rng, cert.subarray(4, 4 + tbsLength), other);
  return der.seq(
    tbs,
    der.seq(der.oid('1.2.840.10045.4.3.2')),
    der.bits(new Uint8Array(sign('sha256', tbs, issuer.key.privateKey))),
  );
}

let chain: { root: TestCert; ca: TestCert; leaf: TestCert };

function seeds(): Uint8Array[] {
  const rsa = keyPair('rsa2048', 'fuzz');
  const r = root('CN=Fuzz Root, O=Fuzz', {
    extra: [
      ext.nameConstraints({
        permitted: [{ dns: 'fuzz.example' }, { email: 'fuzz.example' }, { ip: [10, 0, 0, 0, 255, 0, 0, 0] }],
      }),
    ],
  });
  const i = intermediate(r, 'CN=Fuzz CA, O=Fuzz', {
    pathLen: 0,
    extra: [ext.policies(['1.3.6.1.4.1.99999.1']), ext.policyConstraints(0)],
  });
  const l = leaf(i, 'CN=Fuzz Leaf, O=Fuzz', {
    extra: [
      ext.subjectAltName([{ dns: 'a.fuzz.example' }, { email: 'x@fuzz.example' }, { ip: [10, 1, 2, 3] }]),
      ext.policies(['1.3.6.1.4.1.99999.1']),
      ext.extKeyUsage(['1.3.6.1.5.5.7.3.2']),
    ],
  });
  chain = { root: r, ca: i, leaf: l };
  const rsaRoot = root('CN=Fuzz RSA Root', { key: rsa });
  const pss = leaf(rsaRoot, 'CN=Fuzz PSS', { key: rsa, signature: 'pss-sha256' });
  const suite = JSON.parse(readFileSync(LIMBO_PATH, 'utf8')) as {
    testcases: Array<{ peer_certificate: string; trusted_certs: string[] }>;
  };
  const fromLimbo = suite.testcases
    .filter((_, n) => n % 7 === 0)
    .flatMap((t) => [t.peer_certificate, t.trusted_certs[0]!])
    .map((p) => new Uint8Array(Buffer.from(p.replace(/-----[^-]+-----|\s/g, ''), 'base64')))
    .filter((d) => d.length < 8_000);
  return [r.der, i.der, l.der, rsaRoot.der, pss.der, ...fromLimbo];
}

describe('fuzz', () => {
  it(`${COUNT} mutated inputs each give a typed verdict, no crash, no hang`, () => {
    const corpus = seeds();
    const rng = new Rng(SEED);
    const trust = createTrustStore(
      corpus.slice(0, 4).map((cert, n) => ({
        cert,
        domain: 'AUTH' as const,
        role: n % 3 === 0 ? ('anchor' as const) : ('intermediate' as const),
      })),
    );
    const tally: Record<string, number> = {};
    let slowest = 0;
    const t0 = performance.now();
    for (let n = 0; n < COUNT; n++) {
      const seed = rng.pick(corpus);
      const other = rng.pick(corpus);
      const mode = n % 6;
      const input =
        mode === 5
          ? mutatePem(rng, seed, other)
          : mode === 4
            ? resigned(rng, chain.leaf.der, chain.ca, other)
            : mode === 3
              ? resigned(rng, chain.ca.der, chain.root, other)
              : mutateDer(rng, seed, other);
      // Now and then the garbage is an intermediate or a trust anchor instead of the leaf.
      const role = rng.int(10);
      const started = performance.now();
      let verdict: Verdict;
      try {
        verdict =
          role === 0
            ? validateCertificatePath({
                leaf: corpus[2]!,
                domain: 'AUTH',
                trust,
                intermediates: [input],
                at: AT,
              })
            : role === 1
              ? validateCertificatePath({
                  leaf: corpus[2]!,
                  domain: 'AUTH',
                  trust: createTrustStore([{ cert: input, domain: 'AUTH', role: 'anchor' }]),
                  intermediates: [corpus[1]!],
                  at: AT,
                })
              : validateCertificatePath({
                  leaf: input,
                  domain: 'AUTH',
                  trust,
                  intermediates: [corpus[1]!],
                  at: AT,
                });
      } catch (e) {
        throw new Error(`input #${n} (seed ${SEED}) threw; input (base64): ${Buffer.from(input).toString('base64')}`, {
          cause: e,
        });
      }
      const ms = performance.now() - started;
      slowest = Math.max(slowest, ms);
      if (ms > 1_000) throw new Error(`input #${n} (seed ${SEED}) took ${ms.toFixed(0)} ms`);
      const key = verdict.ok ? 'valid' : verdict.code;
      if (!verdict.ok && !codes.has(verdict.code)) throw new Error(`input #${n}: untyped code ${verdict.code}`);
      tally[key] = (tally[key] ?? 0) + 1;
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `fuzz: ${COUNT} inputs in ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds)}/s), slowest ${slowest.toFixed(1)} ms, seed ${SEED}: ${JSON.stringify(tally)}`,
    );
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(COUNT);
  }, 420_000); // 120k verdicts: 230 s seen on a loaded 2-core machine
});
