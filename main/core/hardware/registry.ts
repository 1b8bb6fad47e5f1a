import type { z } from 'zod';
import type { RegistryMismatch, SbiPrefill } from '../../contract/methods/hardware.ts';
import type { ReadDb } from '../context.ts';
import type { PartnerRow } from '../partners/access.ts';
import type { DiscoveredSbiView } from './service.ts';

type Prefill = z.infer<typeof SbiPrefill>;
type Mismatch = z.infer<typeof RegistryMismatch>;

/** Add SBI takes the service version; Add Devices takes type, subtype, make and model from the digital id. */
export function prefillFrom(device: DiscoveredSbiView): Prefill {
  const id = device.digitalId;
  const subTypes = device.subTypes.length > 0 ? device.subTypes : id ? [id.deviceSubType] : [];
  return {
    sbiVersion: device.serviceVersion ?? '',
    devices: id
      ? [...new Set(subTypes)].map((subType) => ({
          type: id.type,
          subType,
          make: id.make,
          model: id.model,
        }))
      : [],
  };
}

/**
 * What the device says against what the registry holds for this provider, field by field — a
 * mismatch is shown to the provider, never silently corrected (issue 6).
 */
export function compareWithRegistry(
  db: ReadDb,
  partner: PartnerRow,
  device: DiscoveredSbiView,
  prefill: Prefill,
): {
  registeredDeviceId: string | null;
  nearestRegistered: { make: string; model: string } | null;
  mismatches: Mismatch[];
} {
  const mismatches: Mismatch[] = [];
  const id = device.digitalId;
  if (!id)
    return {
      registeredDeviceId: null,
      nearestRegistered: null,
      mismatches: [{ field: 'digitalId', device: 'unreadable', registry: null }],
    };
  if (id.deviceProviderId !== partner.id)
    mismatches.push({
      field: 'deviceProviderId',
      device: id.deviceProviderId,
      registry: partner.id,
    });
  if (id.deviceProvider.trim().toLowerCase() !== partner.name.trim().toLowerCase())
    mismatches.push({ field: 'deviceProvider', device: id.deviceProvider, registry: partner.name });

  const exact = db
    .prepare(
      `SELECT id FROM device_detail WHERE dprovider_id = ? AND dtype_code = ? AND dstype_code = ? AND make = ? AND model = ?
         AND (approval_status = 'pending_approval' OR (approval_status = 'approved' AND is_active = 1)) ORDER BY created_at DESC LIMIT 1`,
    )
    .get(partner.id, id.type, id.deviceSubType, id.make, id.model) as { id: string } | undefined;
  let nearest: { make: string; model: string } | null = null;
  if (!exact) {
    // The nearest registered device of the same type and subtype tells the provider which field differs.
    const near = db
      .prepare(
        `SELECT make, model FROM device_detail WHERE dprovider_id = ? AND dtype_code = ? AND dstype_code = ? AND approval_status <> 'rejected' ORDER BY created_at DESC LIMIT 1`,
      )
      .get(partner.id, id.type, id.deviceSubType) as { make: string; model: string } | undefined;
    if (!near)
      mismatches.push({
        field: 'device',
        device: `${id.type} / ${id.deviceSubType} ${id.make} ${id.model}`,
        registry: null,
      });
    else {
      nearest = near;
      if (near.make !== id.make) mismatches.push({ field: 'make', device: id.make, registry: near.make });
      if (near.model !== id.model) mismatches.push({ field: 'model', device: id.model, registry: near.model });
    }
  }
  if (prefill.sbiVersion) {
    const sbi = db
      .prepare('SELECT sw_version FROM secure_biometric_interface WHERE provider_id = ? AND sw_version = ?')
      .get(partner.id, prefill.sbiVersion.trim()) as { sw_version: string } | undefined;
    if (!sbi) mismatches.push({ field: 'sbiVersion', device: prefill.sbiVersion, registry: null });
  }
  return { registeredDeviceId: exact?.id ?? null, nearestRegistered: nearest, mismatches };
}
