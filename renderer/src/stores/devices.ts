import type { Output } from '../contract.ts';
import { api } from '../api/client.ts';
import { createListStore, text } from './pagedList.ts';

export type SbiRow = Output<'sbis.list'>['data'][number];
export type DeviceRow = Output<'devices.list'>['data'][number];
export type FtmRow = Output<'ftm.list'>['data'][number];

export type SbiFilters = {
  partnerId: string;
  orgName: string;
  sbiId: string;
  sbiVersion: string;
  status: '' | SbiRow['status'];
  sbiExpiryStatus: '' | SbiRow['sbiExpiryStatus'];
};
export const EMPTY_SBI_FILTERS: SbiFilters = { partnerId: '', orgName: '', sbiId: '', sbiVersion: '', status: '', sbiExpiryStatus: '' };

function sbiStore() {
  return createListStore<SbiRow, SbiFilters>({
    filters: EMPTY_SBI_FILTERS,
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime', 'sbiCreatedDateTime', 'sbiExpiryDateTime'],
    fetch: ({ filters, ...q }) =>
      api.call('sbis.list', {
        ...q,
        partnerId: text(filters.partnerId),
        orgName: text(filters.orgName),
        sbiId: text(filters.sbiId),
        sbiVersion: text(filters.sbiVersion),
        status: filters.status || undefined,
        sbiExpiryStatus: filters.sbiExpiryStatus || undefined,
      }),
  });
}

export type DeviceFilters = {
  partnerId: string;
  orgName: string;
  sbiId: string;
  sbiVersion: string;
  deviceId: string;
  make: string;
  model: string;
  status: '' | DeviceRow['status'];
  orphan: '' | 'true';
};
export const EMPTY_DEVICE_FILTERS: DeviceFilters = { partnerId: '', orgName: '', sbiId: '', sbiVersion: '', deviceId: '', make: '', model: '', status: '', orphan: '' };

function deviceStore() {
  return createListStore<DeviceRow, DeviceFilters>({
    filters: EMPTY_DEVICE_FILTERS,
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime'],
    fetch: ({ filters, ...q }) =>
      api.call('devices.list', {
        ...q,
        partnerId: text(filters.partnerId),
        orgName: text(filters.orgName),
        sbiId: text(filters.sbiId),
        sbiVersion: text(filters.sbiVersion),
        deviceId: text(filters.deviceId),
        make: text(filters.make),
        model: text(filters.model),
        status: filters.status || undefined,
        orphan: filters.orphan ? true : undefined,
      }),
  });
}

export type FtmFilters = {
  partnerId: string;
  orgName: string;
  ftmId: string;
  make: string;
  model: string;
  status: '' | FtmRow['status'];
};
export const EMPTY_FTM_FILTERS: FtmFilters = { partnerId: '', orgName: '', ftmId: '', make: '', model: '', status: '' };

function ftmStore() {
  return createListStore<FtmRow, FtmFilters>({
    filters: EMPTY_FTM_FILTERS,
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime', 'certificateUploadDateTime', 'certificateExpiryDateTime'],
    fetch: ({ filters, ...q }) =>
      api.call('ftm.list', {
        ...q,
        partnerId: text(filters.partnerId),
        orgName: text(filters.orgName),
        ftmId: text(filters.ftmId),
        make: text(filters.make),
        model: text(filters.model),
        status: filters.status || undefined,
      }),
  });
}

/** Provider and admin lists are separate stores: each keeps its own page and filters. */
export const useProviderSbis = sbiStore();
export const useAdminSbis = sbiStore();
export const useSbiDevices = deviceStore();
export const useAdminDevices = deviceStore();
export const useProviderFtm = ftmStore();
export const useAdminFtm = ftmStore();
