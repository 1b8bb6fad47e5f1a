import { z } from 'zod';
import { method } from '../spec.ts';
import {
  Empty,
  PageQuery,
  Text as BaseText,
  Timestamp,
  pageOf,
  Filter,
  Id as BaseId,
  PAGING_ERRORS,
} from '../common.ts';
import type { Role } from '../common.ts';

/** The device provider for its own partner ids; the partner admin for every provider (pms.md §3.3). */
const PROVIDER_OR_ADMIN: readonly Role[] = ['DEVICE_PROVIDER', 'PARTNER_ADMIN'];
const ADMIN: readonly Role[] = ['PARTNER_ADMIN'];

/** MOSIP's derived statuses (pms.md §1.7). */
export const DEVICE_STATUSES = ['approved', 'deactivated', 'pending_approval', 'rejected'] as const;
export const DeviceStatus = z.enum(DEVICE_STATUSES);
export const SbiExpiryStatus = z.enum(['expired', 'valid']);
export const Decision = z.enum(['approved', 'rejected']);

/** A calendar date (YYYY-MM-DD, taken as 00:00 UTC) or a full ISO date-time. */
const DateInput = BaseText({ max: 64 }).regex(
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/,
  'expected YYYY-MM-DD or an ISO date-time',
);
/** Stored ids here are at most 36 characters. */
const Id = BaseId.max(36);
const Text = (max: number) => BaseText({ min: 1, max });

export const SbiRow = z.object({
  sbiId: z.string(),
  partnerId: z.string(),
  orgName: z.string(),
  sbiVersion: z.string(),
  binaryHash: z.string(),
  sbiCreatedDateTime: Timestamp,
  sbiExpiryDateTime: Timestamp,
  sbiExpiryStatus: SbiExpiryStatus,
  status: DeviceStatus,
  createdDateTime: Timestamp,
  countOfAssociatedDevices: z.number().int(),
  countOfApprovedDevices: z.number().int(),
  countOfPendingDevices: z.number().int(),
  /** Devices may be added now: approved, active and not expired. */
  canAddDevices: z.boolean(),
});

export const DeviceRow = z.object({
  deviceId: z.string(),
  partnerId: z.string(),
  orgName: z.string(),
  /** null for an orphaned device (no SBI link): it can only be rejected. */
  sbiId: z.string().nullable(),
  sbiVersion: z.string().nullable(),
  deviceTypeCode: z.string(),
  deviceSubTypeCode: z.string(),
  make: z.string(),
  model: z.string(),
  status: DeviceStatus,
  createdDateTime: Timestamp,
  isOrphan: z.boolean(),
});

const CascadeCounts = z.object({
  devicesDeactivated: z.number().int(),
  devicesRejected: z.number().int(),
});

export const deviceMethods = {
  'deviceCatalogue.list': method({
    kind: 'query',
    access: PROVIDER_OR_ADMIN,
    input: Empty,
    output: z.object({
      types: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          subTypes: z.array(z.object({ code: z.string(), name: z.string() })),
        }),
      ),
    }),
    errors: [],
  }),
  'sbis.create': method({
    kind: 'command',
    changes: ['devices'],
    access: PROVIDER_OR_ADMIN,
    input: z
      .object({
        partnerId: Id,
        sbiVersion: Text(64),
        binaryHash: Text(1024),
        sbiCreatedDateTime: DateInput,
        sbiExpiryDateTime: DateInput,
      })
      .strict(),
    output: SbiRow,
    errors: [
      'PMS_PRT_005',
      'PMS_PRT_055',
      'PMS_AUT_002',
      'PMS_AUT_512',
      'PMS_AUT_514',
      'PMS_AUT_516',
      'PMS_AUT_508',
      'PMS_AUT_515',
    ],
  }),
  'sbis.list': method({
    kind: 'query',
    reads: ['devices', 'partners'],
    access: PROVIDER_OR_ADMIN,
    input: PageQuery.extend({
      partnerId: Filter,
      orgName: Filter,
      sbiId: Filter,
      sbiVersion: Filter,
      status: DeviceStatus.optional(),
      sbiExpiryStatus: SbiExpiryStatus.optional(),
      /** Only SBIs expiring within this many days (1–30), as the dashboard badge asks. */
      expiryPeriod: z.number().int().min(1).max(30).optional(),
    }).strict(),
    output: pageOf(SbiRow),
    errors: PAGING_ERRORS,
  }),
  'sbis.get': method({
    kind: 'query',
    reads: ['devices', 'partners'],
    access: PROVIDER_OR_ADMIN,
    input: z.object({ sbiId: Id }).strict(),
    output: SbiRow.extend({ updatedDateTime: Timestamp, updatedBy: z.string().nullable() }),
    errors: ['PMS_DEVICE_ERROR_005', 'PMS_DEVICE_ERROR_019'],
  }),
  'sbis.decide': method({
    kind: 'command',
    changes: ['devices'],
    access: ADMIN,
    input: z.object({ sbiId: Id, decision: Decision }).strict(),
    output: SbiRow,
    errors: ['PMS_DEVICE_ERROR_005', 'PMS_AUT_517', 'PMS_AUT_518', 'PMS_DEVICE_ERROR_021'],
  }),
  /** What deactivating would do, for the confirmation ("N approved devices … M pending devices …"). */
  'sbis.deactivationPreview': method({
    kind: 'query',
    reads: ['devices'],
    access: PROVIDER_OR_ADMIN,
    input: z.object({ sbiId: Id }).strict(),
    output: CascadeCounts,
    errors: ['PMS_DEVICE_ERROR_005', 'PMS_DEVICE_ERROR_019'],
  }),
  'sbis.deactivate': method({
    kind: 'command',
    changes: ['devices'],
    access: PROVIDER_OR_ADMIN,
    input: z.object({ sbiId: Id }).strict(),
    output: CascadeCounts.extend({ sbi: SbiRow }),
    errors: ['PMS_DEVICE_ERROR_005', 'PMS_DEVICE_ERROR_019', 'PMS_DEVICE_ERROR_022', 'PMS_DEVICE_ERROR_020'],
  }),
  /**
   * The SBI expiry job (MOSIP SbiExpiryAutoDeactivationTasklet): approved SBIs past expiry are
   * deactivated with the cascade, pending ones rejected. Hosts run it on a schedule as the system.
   */
  'sbis.expireDue': method({
    kind: 'command',
    changes: ['devices'],
    access: ADMIN,
    input: Empty,
    output: z.object({
      sbisDeactivated: z.number().int(),
      sbisRejected: z.number().int(),
      devicesDeactivated: z.number().int(),
      devicesRejected: z.number().int(),
    }),
    errors: [],
  }),
  /** One device row of the "Add devices" form; each row is submitted on its own. */
  'devices.add': method({
    kind: 'command',
    changes: ['devices'],
    access: PROVIDER_OR_ADMIN,
    input: z
      .object({
        sbiId: Id,
        deviceTypeCode: Text(36),
        deviceSubTypeCode: Text(36),
        make: Text(36),
        model: Text(36),
      })
      .strict(),
    output: DeviceRow,
    errors: [
      'PMS_DEVICE_ERROR_005',
      'PMS_DEVICE_ERROR_019',
      'PMS_AUT_002',
      'PMS_DEVICE_ERROR_009',
      'PMS_DEVICE_ERROR_028',
      'PMS_DEVICE_ERROR_029',
      'PMS_DEVICE_ERROR_021',
      'PMS_AUT_001',
      'PMS_AUT_003',
    ],
  }),
  'devices.list': method({
    kind: 'query',
    reads: ['devices', 'partners'],
    access: PROVIDER_OR_ADMIN,
    input: PageQuery.extend({
      partnerId: Filter,
      orgName: Filter,
      /** Exact SBI id: the devices of one SBI (linked-devices view). */
      sbiId: BaseText({ max: 36 }).optional(),
      sbiVersion: Filter,
      deviceId: Filter,
      deviceTypeCode: BaseText({ max: 36 }).optional(),
      deviceSubTypeCode: BaseText({ max: 36 }).optional(),
      make: Filter,
      model: Filter,
      status: DeviceStatus.optional(),
      /** Only devices without an SBI link. */
      orphan: z.boolean().optional(),
    }).strict(),
    output: pageOf(DeviceRow),
    errors: PAGING_ERRORS,
  }),
  'devices.get': method({
    kind: 'query',
    reads: ['devices', 'partners'],
    access: PROVIDER_OR_ADMIN,
    input: z.object({ deviceId: Id }).strict(),
    output: DeviceRow.extend({
      updatedDateTime: Timestamp,
      sbi: z
        .object({
          sbiId: z.string(),
          sbiVersion: z.string(),
          status: DeviceStatus,
          sbiExpiryStatus: SbiExpiryStatus,
          sbiExpiryDateTime: Timestamp,
        })
        .nullable(),
    }),
    errors: ['PMS_DEVICE_ERROR_006', 'PMS_DEVICE_ERROR_016'],
  }),
  'devices.decide': method({
    kind: 'command',
    changes: ['devices'],
    access: ADMIN,
    input: z.object({ deviceId: Id, decision: Decision }).strict(),
    output: DeviceRow,
    errors: [
      'PMS_DEVICE_ERROR_006',
      'PMS_DEVICE_ERROR_010',
      'PMS_DEVICE_ERROR_024',
      'PMS_DEVICE_ERROR_009',
      'PMS_DEVICE_ERROR_028',
      'PMS_DEVICE_ERROR_029',
      'PMS_DEVICE_ERROR_021',
    ],
  }),
  'devices.deactivate': method({
    kind: 'command',
    changes: ['devices'],
    access: PROVIDER_OR_ADMIN,
    input: z.object({ deviceId: Id }).strict(),
    output: DeviceRow,
    errors: ['PMS_DEVICE_ERROR_006', 'PMS_DEVICE_ERROR_016', 'PMS_DEVICE_ERROR_023', 'PMS_DEVICE_ERROR_014'],
  }),
};
