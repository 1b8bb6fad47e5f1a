/**
 * Which deviceInfo entry describes a discovered device. By deviceId; an unregistered device may
 * have none yet (MockMDS sends "" in both answers), so then by the digital ID it reports in both
 * (type, sub-type, serial number), which a device does not change between the two calls.
 */
import type { DigitalId } from '../../lib/sbi/wire/index.ts';

interface InfoEntryLike {
  info: { deviceId: string } | null;
  digitalId: DigitalId | null;
}

export function infoEntryFor<E extends InfoEntryLike>(
  deviceId: string,
  digitalId: DigitalId,
  entries: readonly E[],
): E | undefined {
  if (deviceId !== '') return entries.find((e) => e.info?.deviceId === deviceId);
  return entries.find(
    (e) =>
      e.info?.deviceId === '' &&
      e.digitalId !== null &&
      e.digitalId.type === digitalId.type &&
      e.digitalId.deviceSubType === digitalId.deviceSubType &&
      e.digitalId.serialNo === digitalId.serialNo,
  );
}
