/**
 * `id-service enrol --file identity.json`: enrols (or replaces) an identity of the ID
 * authentication service; `id-service misp-license --misp-partner ID [--days N]`: issues a MISP
 * licence key, printed once. Both run through the command path as the system (the CLI is the
 * operator of this data directory), audited like the admin's calls.
 *
 * identity.json: {"individualId": "5012345674", "individualIdType": "UIN",
 *   "demographics": {"fullName": "…", "dateOfBirth": "1990/04/12", …},
 *   "biometrics": [{"bioType": "Finger", "bioSubType": "Left IndexFinger", "file": "left-index.iso"}, …]}
 * where each biometric gives either "file" (an ISO 19794 record, relative to the JSON file) or
 * "record" (the record in base64).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError, contract } from '../contract/index.ts';
import type { Core } from '../core/index.ts';
import { UsageError } from './usage.ts';

type Values = Record<string, string | boolean | string[] | undefined>;

function readIdentity(file: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message.slice(0, 200)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new UsageError(`${file} must hold a JSON object`);
  const identity = json as { biometrics?: unknown };
  if (!Array.isArray(identity.biometrics)) throw new UsageError(`${file}: "biometrics" must be a list`);
  const biometrics = identity.biometrics.map((b: unknown, i: number) => {
    if (typeof b !== 'object' || b === null) throw new UsageError(`${file}: biometrics[${i}] must be an object`);
    const { file: recordFile, ...rest } = b as { file?: unknown };
    if (recordFile === undefined) return rest;
    if (typeof recordFile !== 'string') throw new UsageError(`${file}: biometrics[${i}].file must be a path`);
    try {
      return {
        ...rest,
        record: readFileSync(resolve(dirname(file), recordFile)).toString('base64'),
      };
    } catch (e) {
      throw new UsageError(`${file}: biometrics[${i}].file: ${(e as Error).message.slice(0, 200)}`);
    }
  });
  return { ...identity, biometrics };
}

export async function idServiceCommand(
  core: Core,
  sub: string | undefined,
  v: Values,
  out: NodeJS.WritableStream,
): Promise<number> {
  const print = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
  try {
    if (sub === 'enrol') {
      if (typeof v.file !== 'string') throw new UsageError('id-service enrol needs --file identity.json');
      const input = contract['idService.enrol'].input.safeParse(readIdentity(v.file));
      if (!input.success) {
        // Name each wrong field, as the contract's refusal does for a UI.
        const fields = Object.fromEntries(
          input.error.issues.slice(0, 20).map((i) => [i.path.join('.') || '(file)', i.message]),
        );
        print({
          ok: false,
          error: { code: 'PMS_COR_002', message: `${v.file} is not a valid identity`, fields },
        });
        return 1;
      }
      print({ ok: true, result: await core.runAsSystem('idService.enrol', input.data) });
      return 0;
    }
    if (sub === 'misp-license') {
      if (typeof v['misp-partner'] !== 'string')
        throw new UsageError('id-service misp-license needs --misp-partner ID');
      const days = v.days === undefined ? 365 : Number(v.days);
      print({
        ok: true,
        result: await core.runAsSystem('idService.issueMispLicense', {
          mispPartnerId: v['misp-partner'],
          validDays: days,
        }),
      });
      return 0;
    }
  } catch (e) {
    if (e instanceof AppError) {
      print({
        ok: false,
        error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) },
      });
      return 1;
    }
    throw e;
  }
  throw new UsageError(
    'usage: id-service enrol --file identity.json | id-service misp-license --misp-partner ID [--days N]',
  );
}
