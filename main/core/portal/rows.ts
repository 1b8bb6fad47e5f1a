import { AppError } from '../../contract/index.ts';
import type { ApplicationState, MembershipState } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';

type Db = ReadDb | WriteDb;

export interface ProgramDb {
  id: string;
  name: string;
  description: string;
  target_type: 'individual' | 'group';
  state: 'active' | 'ended';
  start_date: string | null;
  end_date: string | null;
  ended_at: string | null;
  form_id: string | null;
  form_title: string | null;
  form_version: number | null;
  multiple_submissions: number;
  application_count: number;
  created_at: string;
  updated_at: string;
}

export const PROGRAM_COLUMNS = `p.id, p.name, p.description, p.target_type, p.state, p.start_date, p.end_date, p.ended_at, p.form_id,
  f.title AS form_title, f.version AS form_version, p.multiple_submissions,
  (SELECT COUNT(*) FROM application a WHERE a.program_id = p.id AND a.state <> 'draft') AS application_count, p.created_at, p.updated_at`;
export const PROGRAM_FROM = 'program p LEFT JOIN portal_form f ON f.id = p.form_id';

export function programRow(r: ProgramDb) {
  return {
    programId: r.id,
    name: r.name,
    description: r.description,
    targetType: r.target_type,
    state: r.state,
    startDate: r.start_date,
    endDate: r.end_date,
    endedDateTime: r.ended_at,
    formId: r.form_id,
    formTitle: r.form_title,
    formVersion: r.form_version,
    multipleSubmissions: r.multiple_submissions === 1,
    applicationCount: r.application_count,
    createdDateTime: r.created_at,
    updatedDateTime: r.updated_at,
  };
}

export function loadProgram(db: Db, id: string): ProgramDb {
  const r = db.prepare(`SELECT ${PROGRAM_COLUMNS} FROM ${PROGRAM_FROM} WHERE p.id = ?`).get(id) as
    ProgramDb | undefined;
  if (!r) throw new AppError('PD_SSP_001', 'No such program.', { programId: 'PD_SSP_001' });
  return r;
}

export interface FormDb {
  id: string;
  form_key: string;
  version: number;
  title: string;
  schema_json: string;
  in_use: number;
  superseded: number;
  created_at: string;
}

export const FORM_COLUMNS = `f.id, f.form_key, f.version, f.title, f.schema_json,
  (EXISTS (SELECT 1 FROM program p WHERE p.form_id = f.id) OR EXISTS (SELECT 1 FROM application a WHERE a.form_id = f.id)) AS in_use,
  EXISTS (SELECT 1 FROM portal_form n WHERE n.form_key = f.form_key AND n.version > f.version) AS superseded, f.created_at`;

export function formRow(r: FormDb) {
  return {
    formId: r.id,
    formKey: r.form_key,
    version: r.version,
    title: r.title,
    inUse: r.in_use === 1,
    superseded: r.superseded === 1,
    createdDateTime: r.created_at,
  };
}

export function formDetail(r: FormDb) {
  return { ...formRow(r), schema: JSON.parse(r.schema_json) as Record<string, unknown> };
}

export function loadForm(db: Db, id: string): FormDb {
  const r = db.prepare(`SELECT ${FORM_COLUMNS} FROM portal_form f WHERE f.id = ?`).get(id) as FormDb | undefined;
  if (!r) throw new AppError('PD_SSP_004', 'No such portal form.', { formId: 'PD_SSP_004' });
  return r;
}

export interface ApplicationDb {
  id: string;
  program_id: string;
  program_name: string;
  registrant_id: string;
  registrant_name: string;
  form_id: string;
  data_json: string;
  state: ApplicationState;
  membership_state: MembershipState | null;
  reject_reason: string | null;
  submitted_at: string | null;
  decided_at: string | null;
  updated_at: string;
  officer_id: string | null;
  officer_name: string | null;
}

export const APPLICATION_COLUMNS = `a.id, a.program_id, p.name AS program_name, a.registrant_id, r.name AS registrant_name, a.form_id, a.data_json, a.state,
  m.state AS membership_state, a.reject_reason, a.submitted_at, a.decided_at, a.updated_at,
  aa.officer_id, CASE WHEN aa.officer_id IS NULL THEN NULL ELSE trim(ou.first_name || ' ' || ou.last_name) END AS officer_name`;
export const APPLICATION_FROM = `application a JOIN program p ON p.id = a.program_id JOIN registrant r ON r.id = a.registrant_id
  LEFT JOIN program_membership m ON m.program_id = a.program_id AND m.registrant_id = a.registrant_id
  LEFT JOIN assisted_application aa ON aa.application_id = a.id LEFT JOIN app_user ou ON ou.id = aa.officer_id`;

export function applicationRow(r: ApplicationDb) {
  return {
    applicationId: r.id,
    programId: r.program_id,
    programName: r.program_name,
    registrantId: r.registrant_id,
    registrantName: r.registrant_name,
    formId: r.form_id,
    state: r.state,
    membershipState: r.membership_state,
    rejectReason: r.reject_reason,
    submittedDateTime: r.submitted_at,
    decidedDateTime: r.decided_at,
    updatedDateTime: r.updated_at,
    assistedBy: r.officer_id === null ? null : { officerId: r.officer_id, officerName: r.officer_name ?? r.officer_id },
  };
}

export function applicationDetail(r: ApplicationDb) {
  return { ...applicationRow(r), data: JSON.parse(r.data_json) as Record<string, unknown> };
}

/** An application by id; with `registrantId`, only that registrant's (another's is "no such application"). */
export function loadApplication(db: Db, id: string, registrantId?: string): ApplicationDb {
  const r = db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM ${APPLICATION_FROM} WHERE a.id = ?`).get(id) as
    ApplicationDb | undefined;
  if (!r || (registrantId !== undefined && r.registrant_id !== registrantId))
    throw new AppError('PD_SSP_007', 'No such application.', { applicationId: 'PD_SSP_007' });
  return r;
}
