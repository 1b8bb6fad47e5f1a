/**
 * The digital ID's content: its schema, and a match against the device approved in the registry
 * (make, model, type, sub-type, provider) — a device whose digital ID names another product is
 * not the device the partner registered, however good its signature.
 */
import { digitalIdSchema, safeWire } from '../wire/index.ts';
import type { BioType, DigitalId } from '../wire/index.ts';
import { fail, failFrom, pass, skip } from './types.ts';
import type { Check } from './types.ts';

/** The approved device as the registry (device_detail + partner) holds it. */
export interface RegisteredDevice {
  make: string;
  model: string;
  type: BioType;
  subType: string;
  /** Partner id of the device provider (digitalId.deviceProviderId). */
  providerId: string;
  /** Organisation name of the device provider (digitalId.deviceProvider). */
  providerName: string;
}

export function checkDigitalIdSchema(
  payload: Record<string, unknown> | null,
  subject: string,
): { check: Check; digitalId: DigitalId | null } {
  const name = `${subject}.schema`;
  if (!payload) return { check: skip(name, 'schema', 'not decodable'), digitalId: null };
  const r = safeWire(digitalIdSchema, payload, subject);
  return r.ok
    ? { check: pass(name, 'schema'), digitalId: r.value }
    : { check: failFrom(name, 'schema', r.error), digitalId: null };
}

const same = (a: string, b: string) => a.trim() === b.trim();
const sameCaseless = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * `<subject>.registry`: exact match (after trimming) of make, model, type, sub-type and provider id;
 * the provider's name is compared case-insensitively, as MOSIP compares organisation names.
 */
export function checkRegistry(
  digitalId: DigitalId | null,
  registered: RegisteredDevice | undefined,
  subject: string,
): Check {
  const name = `${subject}.registry`;
  if (!registered) return skip(name, 'registry', 'no registered device given');
  if (!digitalId) return skip(name, 'registry', 'no readable digital ID');
  const fields: Array<[string, string, string, (a: string, b: string) => boolean]> = [
    ['make', digitalId.make, registered.make, same],
    ['model', digitalId.model, registered.model, same],
    ['type', digitalId.type, registered.type, same],
    ['deviceSubType', digitalId.deviceSubType, registered.subType, same],
    ['deviceProviderId', digitalId.deviceProviderId, registered.providerId, same],
    ['deviceProvider', digitalId.deviceProvider, registered.providerName, sameCaseless],
  ];
  const wrong = fields.filter(([, actual, expected, eq]) => !eq(actual, expected));
  if (wrong.length === 0) return pass(name, 'registry');
  const [field, actual, expected] = wrong[0]!;
  return fail(
    name,
    'registry',
    'SBI_DIGITAL_ID_MISMATCH',
    `the digital ID differs from the registered device in ${wrong.map((w) => w[0]).join(', ')}`,
    {
      field,
      expected: expected.slice(0, 100),
      actual: actual.slice(0, 100),
      fields: wrong.map((w) => w[0]).join(','),
    },
  );
}
