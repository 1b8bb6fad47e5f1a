/**
 * The ID authentication service's own key pairs, one per IDA reference (ida.md §2.2, §4):
 * PARTNER decrypts requests, IDA-FIR decrypts the devices' biometrics, SIGN signs answers.
 * Made once (RSA-2048, self-signed, 3 years), private halves stored only wrapped under the host's
 * KEK; rotation is a later step (a real deployment uses MOSIP IDA and its keymanager).
 */
import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { ReadDb, WriteDb } from '../context.ts';
import type { CoreDeps } from '../deps.ts';
import { writeAudit } from '../command.ts';
import {
  exportPkcs8,
  generateRsaKeys,
  issueCertificate,
  KeyUsage,
  serialFrom,
} from '../../../lib/certificates/issuer.ts';
import { idaCert } from '../ida/crypto.ts';
import type { IdaCert } from '../ida/crypto.ts';

export const IDA_REFERENCES = ['PARTNER', 'IDA-FIR', 'SIGN'] as const;
export type IdaReference = (typeof IDA_REFERENCES)[number];

export interface ServiceKey {
  cert: IdaCert;
  privateKey: KeyObject;
}
export type ServiceKeys = Record<IdaReference, ServiceKey>;

const DAY = 86_400_000;
const USAGE: Record<IdaReference, number> = {
  PARTNER: KeyUsage.keyEncipherment | KeyUsage.dataEncipherment,
  'IDA-FIR': KeyUsage.keyEncipherment | KeyUsage.dataEncipherment,
  SIGN: KeyUsage.digitalSignature,
};

interface KeyRow {
  reference_id: IdaReference;
  certificate_der: Buffer;
  wrapped_private_key: Buffer;
}

const loaded = new WeakMap<object, { stamp: string; keys: ServiceKeys }>();

function readKeys(db: ReadDb | WriteDb, deps: CoreDeps): ServiceKeys | null {
  const rows = db
    .prepare('SELECT reference_id, certificate_der, wrapped_private_key FROM ida_key ORDER BY reference_id')
    .all() as KeyRow[];
  if (rows.length !== IDA_REFERENCES.length) return null;
  const stamp = rows.map((r) => r.certificate_der.toString('base64').slice(-32)).join('|');
  const hit = loaded.get(db);
  if (hit && hit.stamp === stamp) return hit.keys;
  const keys = {} as ServiceKeys;
  for (const r of rows) {
    keys[r.reference_id] = {
      cert: idaCert(r.certificate_der, `the ${r.reference_id} certificate`),
      privateKey: createPrivateKey({
        key: deps.keyWrap.unwrap(r.wrapped_private_key),
        format: 'der',
        type: 'pkcs8',
      }),
    };
  }
  loaded.set(db, { stamp, keys });
  return keys;
}

export interface NewServiceKey {
  ref: IdaReference;
  der: Uint8Array;
  wrapped: Buffer;
  thumbprint: string;
}

/** Three fresh key pairs with their certificates (async: run it outside any transaction). */
export async function makeServiceKeys(deps: CoreDeps, now: Date): Promise<NewServiceKey[]> {
  const made: NewServiceKey[] = [];
  for (const ref of IDA_REFERENCES) {
    const pair = await generateRsaKeys();
    const der = await issueCertificate({
      subject: `CN=IDA ${ref}, O=Partner Desk ID Authentication`,
      issuer: 'self',
      signingKey: pair.privateKey,
      publicKey: pair.publicKey,
      serialHex: serialFrom(deps.randomBytes(16)),
      notBefore: new Date(now.getTime() - DAY),
      notAfter: new Date(now.getTime() + 3 * 365 * DAY),
      ca: false,
      keyUsages: USAGE[ref],
    });
    made.push({
      ref,
      der,
      wrapped: deps.keyWrap.wrap(Buffer.from(await exportPkcs8(pair.privateKey))),
      thumbprint: idaCert(der, ref).thumbprint,
    });
  }
  return made;
}

/** Stores keys made by makeServiceKeys unless some are there already; true when these were stored. */
export function storeServiceKeys(db: WriteDb, made: readonly NewServiceKey[], time: string): boolean {
  const insert = db.prepare(
    'INSERT INTO ida_key (reference_id, certificate_der, thumbprint, wrapped_private_key, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (reference_id) DO NOTHING',
  );
  if ((db.prepare('SELECT COUNT(*) FROM ida_key').pluck().get() as number) > 0) return false;
  for (const m of made) insert.run(m.ref, Buffer.from(m.der), m.thumbprint, m.wrapped, time);
  writeAudit(db, {
    module: 'idService',
    action: 'keys.create',
    actor: 'system',
    ref: { type: 'idaKey', id: 'PARTNER,IDA-FIR,SIGN' },
    result: 'success',
    errorCode: null,
    time,
  });
  return true;
}

/** The service's keys, made at first use (concurrent first uses keep whichever was stored first). */
export async function serviceKeys(db: { reader: ReadDb; writer: WriteDb }, deps: CoreDeps): Promise<ServiceKeys> {
  const have = readKeys(db.reader, deps);
  if (have) return have;
  const now = deps.now();
  const made = await makeServiceKeys(deps, now);
  db.writer.transaction(() => storeServiceKeys(db.writer, made, now.toISOString()))();
  const keys = readKeys(db.reader, deps);
  if (!keys) throw new Error('the ID authentication service keys could not be stored');
  return keys;
}

/** The certificate of one reference, if the keys exist (the demo reads IDA-FIR for the virtual SBI). */
export function serviceCertificate(db: ReadDb | WriteDb, ref: IdaReference): Buffer | null {
  return (
    (db.prepare('SELECT certificate_der FROM ida_key WHERE reference_id = ?').pluck().get(ref) as Buffer | undefined) ??
    null
  );
}
