import { ALL, TRUST_STORE_READERS } from './scope.ts';
import type { ReplicatedTable } from './scope.ts';

/**
 * The tables replicated since migration 0210: the trust profiles, each user's notifications, the
 * self-service portal and the officers' assisted applications. Server-only, never travelling:
 * the mail delivery of a notification (the wrapped address, attempts, errors), the notification
 * jobs' catch-up days, OIDC sign-in transactions (nonce, PKCE verifier), the application-id
 * counter, the ID service's keys, identities and biometric records, and the desk's IDA client.
 * Desk-only, never travelling: each capture attempt, the wrapped captures and the authentication
 * records of the officer's desk (the biometric data stays on the desk that captured it).
 *
 * Who sees what follows the contract's access rules: a notification only its recipient (admins
 * included); the portal a program admin whole, an applicant its own registrant record, memberships
 * and applications, an officer its assisted applications and what they point at.
 */

const MY_REGISTRANT = 'SELECT id FROM registrant WHERE user_id = :uid';
const MY_ASSISTED_APPLICATIONS =
  'SELECT application_id FROM assisted_application WHERE officer_id = :uid AND application_id IS NOT NULL';

export const PORTAL_TABLES: readonly ReplicatedTable[] = [
  {
    name: 'trust_profile',
    key: ['domain'],
    columns: ['domain', 'profile', 'updated_at', 'updated_by'],
    blobs: [],
    scope: { roles: TRUST_STORE_READERS },
  },
  {
    name: 'notification',
    key: ['id'],
    columns: [
      'id',
      'user_id',
      'partner_id',
      'type',
      'status',
      'details',
      'item_key',
      'item_name',
      'expires_on',
      'period',
      'email_lang',
      'cr_by',
      'created_at',
      'upd_by',
      'updated_at',
    ],
    blobs: [],
    // the mail is the server's: a desk's copy has no address and nothing to deliver
    localDefaults: { email_status: 'NONE' },
    scope: { everyone: 'user_id = :uid' },
  },
  {
    name: 'portal_form',
    key: ['id'],
    columns: ['id', 'form_key', 'version', 'title', 'schema_json', 'cr_by', 'created_at', 'updated_at'],
    blobs: [],
    scope: {
      roles: {
        PROGRAM_ADMIN: ALL,
        APPLICANT: `id IN (SELECT form_id FROM program WHERE form_id IS NOT NULL) OR id IN (SELECT form_id FROM application WHERE registrant_id IN (${MY_REGISTRANT}))`,
        REGISTRATION_OFFICER: `id IN (SELECT form_id FROM program WHERE form_id IS NOT NULL) OR id IN (SELECT form_id FROM application WHERE id IN (${MY_ASSISTED_APPLICATIONS}))`,
      },
    },
  },
  {
    name: 'program',
    key: ['id'],
    columns: [
      'id',
      'name',
      'description',
      'target_type',
      'state',
      'start_date',
      'end_date',
      'ended_at',
      'form_id',
      'multiple_submissions',
      'cr_by',
      'upd_by',
      'created_at',
      'updated_at',
    ],
    blobs: [],
    scope: { roles: { PROGRAM_ADMIN: ALL, APPLICANT: ALL, REGISTRATION_OFFICER: ALL } },
  },
  {
    name: 'registrant',
    key: ['id'],
    columns: ['id', 'user_id', 'id_type', 'id_value', 'name', 'created_at'],
    blobs: [],
    scope: {
      roles: {
        PROGRAM_ADMIN: ALL,
        APPLICANT: 'user_id = :uid',
        REGISTRATION_OFFICER: `id IN (SELECT registrant_id FROM application WHERE id IN (${MY_ASSISTED_APPLICATIONS}))`,
      },
    },
  },
  {
    name: 'registrant_demographic',
    key: ['registrant_id', 'version'],
    columns: ['registrant_id', 'version', 'name', 'data_json', 'source', 'cr_by', 'created_at'],
    blobs: [],
    scope: { roles: { PROGRAM_ADMIN: ALL, APPLICANT: `registrant_id IN (${MY_REGISTRANT})` } },
  },
  {
    name: 'program_membership',
    key: ['program_id', 'registrant_id'],
    columns: ['program_id', 'registrant_id', 'state', 'enrolled_at', 'created_at', 'updated_at'],
    blobs: [],
    scope: { roles: { PROGRAM_ADMIN: ALL, APPLICANT: `registrant_id IN (${MY_REGISTRANT})` } },
  },
  {
    name: 'application',
    key: ['id'],
    columns: [
      'id',
      'program_id',
      'registrant_id',
      'form_id',
      'data_json',
      'state',
      'reject_reason',
      'submitted_at',
      'decided_at',
      'decided_by',
      'created_at',
      'updated_at',
    ],
    blobs: [],
    scope: {
      roles: {
        PROGRAM_ADMIN: ALL,
        APPLICANT: `registrant_id IN (${MY_REGISTRANT})`,
        REGISTRATION_OFFICER: `id IN (${MY_ASSISTED_APPLICATIONS})`,
      },
    },
  },
  {
    name: 'assisted_application',
    key: ['id'],
    columns: [
      'id',
      'officer_id',
      'individual_id_type',
      'individual_id',
      'program_id',
      'state',
      'consent_at',
      'exceptions_json',
      'round',
      'transaction_id',
      'queued_at',
      'outcome_code',
      'service_code',
      'claims_json',
      'draft_json',
      'application_id',
      'created_at',
      'updated_at',
    ],
    blobs: [],
    // the program admin sees a submitted application marked assisted, with its officer
    scope: { roles: { REGISTRATION_OFFICER: 'officer_id = :uid', PROGRAM_ADMIN: 'application_id IS NOT NULL' } },
  },
];
