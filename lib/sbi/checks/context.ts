/** What every verification needs: the trust store, the clock, and what the answer is compared with. */
import type { TrustStore } from '../../pki/index.ts';
import type { RegisteredDevice } from './digital-id.ts';
import type { TrustCache } from './trust.ts';

export interface VerifyContext {
  /** DEVICE and FTM anchors (and intermediates), e.g. from createTrustStore. */
  trust: TrustStore;
  /** Validation time for certificates and the reference for timestamps. */
  now: Date;
  /** Allowed distance of timestamps from `now`; default 3 minutes (the CTK's interval). */
  toleranceMs?: number;
  /** The approved device; without it the registry check is skipped. */
  registered?: RegisteredDevice;
  /** For a DEVICE_PROVIDER user: the organisation the device certificate must name. */
  expectedOrg?: string;
  /** The CTK's strictness: no keys beyond the specification's, exact status error codes. */
  strict?: boolean;
  /** Trust verdicts of this session (pass one per window or bench run). */
  cache?: TrustCache;
}
