import type { Database } from 'better-sqlite3';
import m0010 from './0010-accounts.ts';
import m0020 from './0020-audit-outbox.ts';
import m0030 from './0030-policies.ts';
import m0040 from './0040-auth-services.ts';
import m0050 from './0050-certificates.ts';
import m0060 from './0060-devices.ts';
import m0070 from './0070-text-search.ts';
import m0080 from './0080-device-indexes.ts';
import m0090 from './0090-comment-chars.ts';
import m0100 from './0100-security.ts';
import m0110 from './0110-misp-domain.ts';
import m0120 from './0120-trust-profiles.ts';
import m0140 from './0140-sync-outbox.ts';
import m0141 from './0141-sync-undo.ts';
import m0142 from './0142-sync-change-log.ts';
import m0143 from './0143-sync-desks.ts';
import m0144 from './0144-sync-connection.ts';
import m0150 from './0150-notifications.ts';
import m0170 from './0170-releases.ts';
import m0180 from './0180-id-service.ts';
import m0181 from './0181-ida-client.ts';
import m0190 from './0190-assisted-registration.ts';
import m0220 from './0220-application-status.ts';
import m0160 from './0160-portal.ts';
import m0210 from './0210-sync-portal-notifications.ts';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Ordered, one file per step, numbered in tens so a step can be slotted in during review. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'accounts', up: m0010 },
  { version: 20, name: 'audit-outbox', up: m0020 },
  { version: 30, name: 'policies', up: m0030 },
  { version: 40, name: 'auth-services', up: m0040 },
  { version: 50, name: 'certificates', up: m0050 },
  { version: 60, name: 'devices', up: m0060 },
  { version: 70, name: 'text-search', up: m0070 },
  { version: 80, name: 'device-indexes', up: m0080 },
  { version: 90, name: 'comment-chars', up: m0090 },
  { version: 100, name: 'security', up: m0100 },
  { version: 110, name: 'misp-domain', up: m0110 },
  { version: 120, name: 'trust-profiles', up: m0120 },
  { version: 140, name: 'sync-outbox', up: m0140 },
  { version: 141, name: 'sync-undo', up: m0141 },
  { version: 142, name: 'sync-change-log', up: m0142 },
  { version: 143, name: 'sync-desks', up: m0143 },
  { version: 144, name: 'sync-connection', up: m0144 },
  { version: 150, name: 'notifications', up: m0150 },
  { version: 160, name: 'portal', up: m0160 },
  { version: 170, name: 'releases', up: m0170 },
  { version: 180, name: 'id-service', up: m0180 },
  { version: 181, name: 'ida-client', up: m0181 },
  { version: 190, name: 'assisted-registration', up: m0190 },
  { version: 210, name: 'sync-portal-notifications', up: m0210 },
  { version: 220, name: 'application-status', up: m0220 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
