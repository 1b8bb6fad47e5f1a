import { AppError } from '../../contract/index.ts';
import type { AssistedApplicationView, AssistedState } from '../../contract/methods/assisted.ts';
import type { Actor, ReadDb, WriteDb } from '../context.ts';

type Db = ReadDb | WriteDb;

export interface AssistedDb {
  id: string;
  officer_id: string;
  individual_id_type: 'UIN' | 'VID';
  individual_id: string;
  program_id: string;
  program_name: string;
  state: AssistedState;
  round: number;
  consent_at: string;
  exceptions_json: string;
  transaction_id: string | null;
  queued_at: string | null;
  outcome_code: string | null;
  service_code: string | null;
  claims_json: string | null;
  draft_json: string | null;
  application_id: string | null;
  created_at: string;
  updated_at: string;
}

interface AttemptDb {
  modality: 'Finger' | 'Iris' | 'Face';
  attempt: number;
  bio_sub_type: string | null;
  quality: number | null;
  threshold: number;
  passed: number;
  device_serial: string;
  captured_at: string;
}

const COLUMNS = `a.id, a.officer_id, a.individual_id_type, a.individual_id, a.program_id, p.name AS program_name, a.state, a.round, a.consent_at, a.exceptions_json,
  a.transaction_id, a.queued_at, a.outcome_code, a.service_code, a.claims_json, a.draft_json, a.application_id, a.created_at, a.updated_at`;
export const ASSISTED_SELECT = `SELECT ${COLUMNS} FROM assisted_application a JOIN program p ON p.id = a.program_id`;

/** The officer's own assisted application; another officer's is "no such application". */
export function loadAssisted(db: Db, id: string, actor: Actor): AssistedDb {
  const r = db.prepare(`${ASSISTED_SELECT} WHERE a.id = ?`).get(id) as AssistedDb | undefined;
  if (!r || r.officer_id !== actor.userId)
    throw new AppError('PD_ASR_006', 'No such assisted application.', { assistedId: 'PD_ASR_006' });
  return r;
}

export function requireState(r: AssistedDb, ...states: AssistedState[]): void {
  if (!states.includes(r.state))
    throw new AppError('PD_ASR_007', `An assisted application that is ${r.state} does not allow this.`, undefined, {
      state: r.state,
    });
}

export function assistedView(db: Db, r: AssistedDb, queueTtlMinutes: number): AssistedApplicationView {
  const attempts = db
    .prepare(
      'SELECT modality, attempt, bio_sub_type, quality, threshold, passed, device_serial, captured_at FROM assisted_attempt WHERE assisted_id = ? AND round = ? ORDER BY captured_at, modality, attempt',
    )
    .all(r.id, r.round) as AttemptDb[];
  const captured = db
    .prepare('SELECT modality FROM assisted_capture WHERE assisted_id = ? ORDER BY modality')
    .pluck()
    .all(r.id) as Array<'Finger' | 'Iris' | 'Face'>;
  return {
    assistedId: r.id,
    individualIdType: r.individual_id_type,
    individualId: r.individual_id,
    programId: r.program_id,
    programName: r.program_name,
    state: r.state,
    consentDateTime: r.consent_at,
    exceptions: JSON.parse(r.exceptions_json) as string[],
    attempts: attempts.map((a) => ({
      modality: a.modality,
      attempt: a.attempt,
      bioSubType: a.bio_sub_type,
      quality: a.quality,
      threshold: a.threshold,
      passed: a.passed === 1,
      deviceSerial: a.device_serial,
      capturedDateTime: a.captured_at,
    })),
    captured,
    queueExpiresDateTime: r.queued_at
      ? new Date(Date.parse(r.queued_at) + queueTtlMinutes * 60_000).toISOString()
      : null,
    outcomeCode: r.outcome_code,
    serviceCode: r.service_code,
    applicationId: r.application_id,
    createdDateTime: r.created_at,
    updatedDateTime: r.updated_at,
  };
}
