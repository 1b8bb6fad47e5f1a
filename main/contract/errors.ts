/**
 * Stable error codes. MOSIP's own codes are reused where MOSIP has one (pms.md §2.4);
 * codes that MOSIP does not define use the `PD_` prefix. The UI translates every code
 * under `errors.<code>` so a new code without a message fails the renderer type-check.
 */
export const ERROR_CODES = [
  // wire / contract
  'PD_RPC_001', // malformed JSON body
  'PD_RPC_002', // payload too large
  'PD_RPC_003', // unknown method
  'PD_RPC_004', // missing or wrong launch token
  'PD_RPC_005', // request not allowed from this origin / sender
  'PD_RPC_006', // output failed its own schema (a core bug, never the caller's)
  'PD_RPC_007', // too many attempts from this address or for this account (server host; Retry-After)
  'PD_RPC_008', // the server is shutting down (Retry-After)
  'PD_INTERNAL', // unexpected failure; details are logged, not returned
  'PMS_COR_001', // missing input
  'PMS_COR_002', // invalid input
  // sessions and authorization
  'PD_AUTH_001', // wrong username/e-mail or password
  'PD_AUTH_002', // account locked after repeated failures
  'PD_AUTH_003', // no session or session expired
  'PD_AUTH_004', // role not allowed to call this method
  'PD_AUTH_005', // reset link invalid, used or expired
  'PD_AUTH_006', // current password wrong
  'PD_AUTH_007', // account disabled
  'PD_PWD_001', // password does not meet the strength rules
  'PD_SETUP_001', // first-run setup already done
  'PD_SETUP_002', // demo data only loads into an empty database
  // registration (MOSIP)
  'PMS_PRT_010', // partner type does not exist
  'PMS_PRT_011', // e-mail already registered
  'PMS_PRT_012', // invalid e-mail
  'PMS_PRT_013', // invalid phone number
  'PMS_PRT_051', // partner id already registered
  'PMS_PRT_052', // partner id too long
  'PMS_PRT_066', // partner id contains spaces
  'PMS_PRT_056', // language not supported
  'PMS_PRT_005', // partner does not exist
  // certificates (keymanager codes, pms.md §2.4 and §3.1)
  'KER-PCM-001', // certificate cannot be parsed
  'KER-PCM-003', // CA certificate already exists in this domain
  'KER-PCM-004', // certificate dates not valid (expired)
  'KER-PCM-005', // root CA not found for an intermediate
  'KER-PCM-006', // no path to a root/intermediate of the domain
  'KER-PCM-007', // not an X.509 v3 certificate
  'KER-PCM-008', // subject O= does not equal the partner's organisation name
  'KER-PCM-012', // certificate id not found
  'KER-PCM-013', // RSA key shorter than 2048 bits
  'KER-PCM-014', // signature algorithm not SHA-2
  'KER-PCM-015', // self-signed certificate not allowed
  'KER-PCM-017', // validity shorter than the required minimum
  'KER-PMS-020', // certificate not yet valid (future-dated)
  'PD_PKI_001', // issuer / uploaded CA is not a CA
  'PD_PKI_002', // path length exceeded
  'PD_PKI_003', // key usage does not allow the use
  'PD_PKI_004', // unknown critical extension
  'PD_PKI_005', // name constraints violated
  'PD_PKI_006', // signature does not verify
  'PD_PKI_007', // unsupported key type or curve
  'PD_PKI_008', // validation budget exceeded
  'PD_PKI_009', // path search cap reached
  'PD_PKI_010', // certificate breaks the RFC 5280 profile
  'PD_PKI_011', // extended key usage does not allow the purpose
  'PD_PKI_012', // certificate policy constraints not satisfied
  'PD_PKI_013', // an issuer's basicConstraints extension cannot be read (malformed, not missing)
  'PMS_PRT_054', // policy group must be selected first
  'PMS_PRT_055', // the partner does not belong to this user
  'PMS_PMP_016', // partner is not active
  'PMS_PRT_108', // certificate not uploaded
  'PMS_CERTIFICATE_ERROR_009', // deactivated partner cannot download certificates
  'PD_CERT_001', // the certificate has expired and cannot be downloaded
  // policy groups and policies (MOSIP policy service, pms.md §1.3, §3.2)
  'PMS_POL_008', // policy does not exist
  'PMS_POL_009', // a policy with this name exists in the group
  'PMS_POL_014', // a policy group with this name exists
  'PMS_POL_016', // policy group does not exist
  'PMS_POL_020', // policy already published
  'PMS_POL_051', // policy does not match the schema of its type
  'PMS_POL_052', // policy text is not JSON
  'PMS_POL_053', // policy group not active
  'PMS_POL_055', // published policy cannot be edited
  'PMS_POL_056', // group holds activated policies
  'PMS_POL_062', // policy already deactivated
  'PMS_POL_063', // an approved link uses the policy
  'PMS_POL_064', // a pending link request uses the policy
  'PMS_POL_067', // policy group already deactivated
  'PMS_POL_069', // group holds activated and draft policies
  'PMS_POL_070', // group holds draft policies
  'PMS_POL_072', // policy not activated (a draft)
  'PD_POL_001', // policy longer than 5120 characters
  // partner ↔ policy group, policy linking (pms.md §1.2, §1.4)
  'PMS_PRT_002', // policy group does not exist
  'PMS_PRT_047', // partner has no policy group
  'PMS_PRT_048', // the partner type needs no policy group
  'PMS_PRT_050', // policy group cannot change for an active partner
  'PMS_PRT_006', // policy link request does not exist
  'PMS_PRT_053', // request already pending
  'PMS_PRT_060', // request already approved
  'PMS_PRT_098', // policy not in the partner's policy group
  'PMS_PMP_019', // policy not active
  'PMS_PM_034', // request already approved
  'PMS_PM_035', // request already rejected
  'PMS_PM_045', // decision status is neither approved nor rejected
  'PD_LNK_001', // link deactivated; a new request is needed
  'PD_LNK_002', // only an approved link can be deactivated
  // API keys (pms.md §1.5)
  'PMS_PMP_014', // policy does not exist
  'PMS_PRT_109', // no approved link for the policy
  'PMS_PRT_110', // label already used for this partner and policy
  'PMS_PRT_111', // API key does not exist
  'PMS_PMS_022', // API key not active
  // OIDC clients (pms.md §1.6)
  'PMS_PRT_057', // only an Auth policy can back an OIDC client
  'PMS_PRT_059', // only authentication partners create OIDC clients
  'PMS_ESI_001', // public key already used by a client
  'PMS_ESI_002', // policy link not approved
  'PMS_ESI_004', // client does not exist
  'PMS_ESI_005', // policy yields no claims
  'PMS_ESI_006', // policy yields no ACR values
  'PMS_ESI_007', // public key (JWK) invalid
  'PMS_ESI_008', // client deactivated
  // partner administration
  'PMS_PM_063', // partner already deactivated
  'PD_PRT_001', // partner already active
  'PD_PRT_002', // only an approved partner can be activated (MOSIP's activation never approves)
  'PD_PRT_003', // only a pending registration can be rejected
  // lists (MOSIP paging rules)
  'PMS_PRT_357', // unknown sort field
  'PMS_PRT_358', // bad sort type
  'PMS_PRT_360', // page number < 0
  'PMS_PRT_361', // page size <= 0
  // SBIs and devices (MOSIP device service, pms.md §1.7, §3.4)
  'PMS_AUT_001', // device type / subtype not in the catalogue
  'PMS_AUT_002', // device provider inactive or not a device provider
  'PMS_AUT_003', // device with this type, subtype, make and model exists
  'PMS_AUT_508', // SBI expiry date must be after today
  'PMS_AUT_512', // SBI version exists for this provider
  'PMS_AUT_514', // SBI created date is after today
  'PMS_AUT_515', // SBI expiry date too far in the future
  'PMS_AUT_516', // SBI created date too far in the past
  'PMS_AUT_517', // SBI already approved
  'PMS_AUT_518', // SBI already rejected
  'PMS_DEVICE_ERROR_005', // SBI does not exist
  'PMS_DEVICE_ERROR_006', // device does not exist
  'PMS_DEVICE_ERROR_009', // SBI not approved yet
  'PMS_DEVICE_ERROR_010', // device not pending approval
  'PMS_DEVICE_ERROR_014', // device already deactivated
  'PMS_DEVICE_ERROR_016', // device does not belong to this user
  'PMS_DEVICE_ERROR_019', // SBI does not belong to this user
  'PMS_DEVICE_ERROR_020', // SBI already deactivated
  'PMS_DEVICE_ERROR_021', // SBI expired
  'PMS_DEVICE_ERROR_022', // SBI not approved (cannot deactivate)
  'PMS_DEVICE_ERROR_023', // device not approved (cannot deactivate)
  'PMS_DEVICE_ERROR_024', // orphan device (no SBI) cannot be approved
  'PMS_DEVICE_ERROR_028', // SBI rejected
  'PMS_DEVICE_ERROR_029', // SBI deactivated
  // FTM chips (pms.md §1.7, §3.5)
  'PMP_AUT_030', // FTM provider inactive or not an FTM provider
  'PMP_AUT_032', // FTM chip with this make and model exists
  'PMP_AUT_033', // FTM chip certificate not uploaded
  'PMP_AUT_038', // certificate upload only when pending upload or approved
  'PMP_AUT_039', // FTM chip deactivated
  'PMS_FTM_ERROR_005', // FTM chip does not exist
  'PMS_FTM_ERROR_006', // FTM chip does not belong to this user
  'PMS_FTM_ERROR_007', // FTM chip already deactivated
  'PMS_FTM_ERROR_008', // certificate download needs pending approval or approved
  'PMS_FTM_ERROR_009', // certificate of a deactivated FTM chip cannot be downloaded
  'PMS_FTM_ERROR_010', // FTM chip not approved (cannot deactivate)
  'PD_FTM_001', // FTM chip not pending approval
  // hardware (issue 6)
  'PD_HW_001', // the device or chip did not answer / is no longer attached
  'PD_HW_002', // the device answered, but its answer is malformed or does not verify
  'PD_HW_003', // the FTM chip failed the proof of possession or its chain is not trusted
  'PD_HW_004', // no such task (bench run or stream)
  'PD_HW_005', // a bench is already running against this device
  'PD_HW_006', // the virtual SBI is not running
  'PD_HW_007', // the device did not answer in time
  'PD_HW_008', // started by someone else (task, stream, virtual SBI): only they or the admin may act on it
  'PD_TRUST_001', // the virtual devices' test roots are trusted outside a demo only when the admin confirms
  // notifications (MOSIP PMS_NOTIFICATION_ERROR_*, pms.md §2.4)
  'PMS_NOTIFICATION_ERROR_006', // only partner admins receive root, intermediate and weekly notifications
  'PMS_NOTIFICATION_ERROR_008', // notification not found
  'PMS_NOTIFICATION_ERROR_009', // notification already dismissed
  'PMS_NOTIFICATION_ERROR_011', // notification is not the caller's
  'PMS_NOTIFICATION_ERROR_012', // status must be DISMISSED
  'PMS_NOTIFICATION_ERROR_015', // a type-specific filter needs a notification type
  'PMS_NOTIFICATION_ERROR_016', // invalid date (yyyy-MM-dd)
  'PMS_NOTIFICATION_ERROR_017', // created-date filters only for weekly summaries
  'PMS_NOTIFICATION_ERROR_018', // only the partner admin can dismiss this notification
  'PD_NOTIF_001', // a filter that does not apply to this notification type
  'PD_NOTIF_002', // a notification mail could not be sent; it is retried with back-off (audit, mail status)
  // desk ↔ server sync (issue 14, docs/sync.md)
  'PD_SYNC_001', // unknown desk, wrong desk key, or a desk of another user
  'PD_SYNC_002', // gap: the server expects an earlier seq first (fields.expectedSeq)
  'PD_SYNC_003', // a pushed command is not this desk's, not this user's, or the batch is not contiguous
  'PD_SYNC_004', // the method cannot be replayed on the server
  'PD_SYNC_005', // only the server does this (registration, scheduled jobs) on a desk joined to a server
  'PD_SYNC_006', // the desk has not synced for too long: new changes wait until it syncs
  'PD_SYNC_007', // the server could not be reached
  'PD_SYNC_008', // the server's certificate does not match the pinned fingerprint
  'PD_SYNC_009', // this desk is not joined to a server
  'PD_SYNC_010', // only an empty desk can join a server
  'PD_SYNC_011', // this instance is not a sync server
  'PD_SYNC_012', // the desk's checkpoint is ahead of the server (server restored): full resync
  'PD_SYNC_013', // the sync (or the join) was cancelled on the desk
  // releases and updates (issue 18, README "Shipping installers and updates")
  'PD_UPDATE_001', // the update metadata (latest*.yml) is not electron-builder's format or names a bad file
  'PD_UPDATE_002', // an artefact is missing or its sha512 / size differs from the metadata
  'PD_UPDATE_003', // this version is already published on the channel for that platform
  'PD_UPDATE_004', // the pinned version is not published on the channel
  'PD_UPDATE_005', // no such release
  'PD_UPDATE_010', // the feed's signature is missing or does not verify with the pinned release key
  'PD_UPDATE_011', // the downloaded installer does not match the signed metadata
  'PD_UPDATE_012', // the feed offers an older version than the running one and the admin pinned none
  'PD_UPDATE_013', // no release key is pinned on this desk: updates are off
  'PD_UPDATE_014', // the update server could not be reached, or the download was interrupted
  'PD_UPDATE_015', // the signed feed is for another channel, or older than one already accepted (replayed)
  'PD_UPDATE_016', // no update is ready (nothing downloaded, or updates are installed by the desktop app)
  'PD_UPDATE_017', // the sync queue could not be finished or parked before the restart
  // self-service portal (issue 15, ssp.md §A/§B)
  'PD_SSP_001', // no such program
  'PD_SSP_002', // the program is ended or outside its dates: it takes no applications
  'PD_SSP_003', // no portal form is mapped to this program
  'PD_SSP_004', // no such portal form
  'PD_SSP_005', // the submission does not satisfy the form (fields: component key → rule)
  'PD_SSP_006', // already applied, and the program does not allow several submissions
  'PD_SSP_007', // no such application (or not the applicant's)
  'PD_SSP_008', // the application is not in a state that allows this
  'PD_SSP_009', // the form is not a Form.io schema this portal can enforce (fields name the component)
  'PD_SSP_010', // unknown, used or expired sign-in (state does not match)
  'PD_SSP_011', // the ID token does not verify (nonce, issuer, audience or signature)
  'PD_SSP_012', // the provider refused the code exchange (replayed or unknown code, client assertion refused)
  'PD_SSP_013', // the userinfo answer is not a JWT signed by a key of the provider
  'PD_SSP_014', // the provider's token has expired
  'PD_SSP_015', // sign-in with an ID is not configured, or the provider cannot be reached
  'PD_SSP_016', // the provider did not release the claim that identifies the registrant
  'PD_SSP_017', // the program's dates are not valid (end before start)
  'PD_SSP_018', // a program with this name already exists
  'PD_SSP_019', // the sign-in was refused or cancelled at the provider (consent withheld)
  'PD_SSP_020', // no such user
  'PD_SSP_021', // the answer at the desktop's loopback redirect does not carry this sign-in's state
  'PD_SSP_022', // the sign-in in the system browser took too long (the loopback redirect stopped waiting)
  'PD_SSP_023', // the sign-in in the system browser was cancelled in the app
  'PD_SSP_024', // the desktop could not listen for the provider's answer on 127.0.0.1
  'PD_ASR_001', // no Auth-purpose biometric device answers with this id (or it is not an Auth device)
  'PD_ASR_002', // the device did not verify (signature, trust, time): refused before any capture
  'PD_ASR_003', // the device is not Ready (Busy, Not Ready, Not Registered): refused before any capture
  'PD_ASR_004', // the applicant's consent is not recorded
  'PD_ASR_005', // not a valid UIN / VID (length, first digit, Verhoeff check digit)
  'PD_ASR_006', // no such assisted application (or another officer's)
  'PD_ASR_007', // the assisted application is not in a state that allows this
  'PD_ASR_008', // this modality or finger is not configured, or is marked missing
  'PD_ASR_009', // no retries left for this modality
  'PD_ASR_010', // the device did not capture (timed out, busy or answered an error); try again
  'PD_ASR_011', // the ID service found no match (IDA-BIA-001 and other biometric refusals)
  'PD_ASR_012', // the ID service refused the desk's credentials (partner, API key, licence, certificate)
  'PD_ASR_013', // the ID service refused the device or its capture (signature, encryption, digital id)
  'PD_ASR_014', // the ID service refused the request (identity unknown, input, time)
  'PD_ASR_015', // no ID service is configured on this desk
  'PD_ASR_016', // the queued capture expired before the ID service could be reached and was dropped
  'PD_ASR_017', // nothing captured yet: capture the applicant's biometrics first
  'PD_ASR_018', // the capture is older than the ID service's time window (queued too long, or IDA-MLC-001): capture again
  // ID authentication (issue 16, docs/id-service.md); the service's own refusals are IDA's codes
  'PD_IDA_001', // the ID authentication service cannot be reached, timed out or answered 5xx (retry later)
  'PD_IDA_002', // the service's answer is not what IDA answers (not JSON, another transaction, no identity)
  'PD_IDA_003', // the answer is not signed by the configured service's SIGN certificate
  'PD_IDA_004', // the KYC identity does not decrypt with this desk's partner key
  'PD_IDA_005', // this desk is not configured as an authentication partner of an ID service
  'PD_IDA_006', // the transaction id was already used by this partner (replayed request)
  'PD_IDA_007', // an enrolled biometric is not an ISO 19794 record of its modality
  'PD_IDA_008', // a MISP licence needs an approved, active MISP partner
  'PD_IDA_009', // the IDA client configuration is not usable (certificate, key or URL)
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Numbers a screen shows with the message, in the user's language (sign-in attempts, pauses). */
export interface ErrorDetails {
  /** Wrong passwords left before sign-in (or the session) is stopped. */
  attemptsLeft?: number;
  /** When the next attempt is accepted (ISO 8601). */
  retryAt?: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems for forms: path → code. */
  fields?: Record<string, string>;
  details?: ErrorDetails;
  /** Values the translated message names (a required minimum, a date): name → value. */
  params?: Record<string, string>;
}

/** Thrown by the core; hosts turn it into an ErrorBody on the wire. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly params?: Record<string, string>,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.params ? { params: this.params } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
