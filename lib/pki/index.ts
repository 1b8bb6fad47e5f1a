/**
 * X.509 path validation for partner, device and FTM certificates (issue 3, engine part).
 * Pure and synchronous; `validateInWorker` runs it off the caller's event loop with a hard timeout.
 */
export { validateCertificatePath, DEFAULT_OPTIONS } from './validate.ts';
export type { ValidationOptions, ValidationRequest } from './validate.ts';
export { createTrustStore } from './trust-store.ts';
export type { TrustEntry, TrustStore } from './trust-store.ts';
export { parseCertificate, splitPem, thumbprintOf } from './parse.ts';
export type { CertInput, ParsedCert } from './parse.ts';
export { BACKEND_REFUSES_VALID_LIMBO_CASES, backendRefusalWarnings } from './backend.ts';
export {
  DEFAULT_TRUST_PROFILE,
  PKI_ERROR_CODES,
  PKI_WARNING_CODES,
  PARTNER_DOMAINS,
  TRUST_PROFILES,
} from './verdict.ts';
export type {
  CertSummary,
  CheckName,
  PartnerDomain,
  PathEntry,
  PathFailure,
  PkiErrorCode,
  PkiWarningCode,
  TrustProfile,
  ValidPath,
  Verdict,
} from './verdict.ts';
export { caCheck, leniencyWarnings } from './profile.ts';
export { PkiWorkerPool, validateInWorker } from './worker.ts';
export type { WorkerPoolOptions, WorkerRequest } from './worker.ts';
