/**
 * The identities the HIL guest's virtual FTM chip carries. They are made on the host when the
 * layer is built (make-fixture.ts): RSA key generation under TCG would cost seconds per key.
 * Nothing here is shipped; every run makes new ones.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const FIXTURE_FILE = 'fixture.json';
export const FTM_ROOT_FILE = 'ftm-root.pem';
/** A root of another domain (the virtual device CA): the chip's chain must not verify against it. */
export const OTHER_ROOT_FILE = 'other-root.pem';

const Fixture = z.object({
  info: z.object({ make: z.string(), model: z.string(), serial: z.string(), firmware: z.string() }),
  /** Base64 DER, the chip certificate first. */
  chain: z.array(z.string().min(1)).min(1),
  chipKeyPem: z.string().startsWith('-----BEGIN PRIVATE KEY-----'),
});
export type HilFixture = z.infer<typeof Fixture>;

export function readFixture(dir: string): HilFixture {
  return Fixture.parse(JSON.parse(readFileSync(`${dir}/${FIXTURE_FILE}`, 'utf8')));
}

export const chainDer = (f: HilFixture): Uint8Array[] =>
  f.chain.map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
