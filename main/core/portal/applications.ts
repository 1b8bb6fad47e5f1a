import { AppError } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import type { Actor, CommandCtx, QueryCtx, ReadDb, WriteDb } from '../context.ts';
import { requireActor } from '../context.ts';
import { likeContains } from '../lists/paging.ts';
import { Where, listPage } from '../lists/sort.ts';
import type { SortTerms } from '../lists/sort.ts';
import { checkSubmission, fieldsOf } from './formio.ts';
import { isOpen } from './programs.ts';
import {
  APPLICATION_COLUMNS,
  APPLICATION_FROM,
  applicationDetail,
  applicationRow,
  formDetail,
  loadApplication,
  loadForm,
  loadProgram,
} from './rows.ts';
import type { ApplicationDb, ProgramDb } from './rows.ts';

type Db = ReadDb | WriteDb;

/** The registrant behind a signed-in applicant (made at sign-in). */
export function registrantOf(db: Db, actor: Actor): string {
  const id = db.prepare('SELECT id FROM registrant WHERE user_id = ?').pluck().get(actor.userId) as string | undefined;
  if (!id) throw new AppError('PD_AUTH_004', 'This account is not an applicant.');
  return id;
}

/**
 * Application ids as OpenG2P writes them — ddmmyy then a number (ssp.md §A5) — but the number is
 * the day's next in sequence, taken in the command's transaction: two applications never share one.
 */
function nextApplicationId(ctx: CommandCtx): string {
  const iso = ctx.now.toISOString();
  const day = `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}`;
  const seq = ctx.db
    .prepare(
      'INSERT INTO application_sequence (day, last) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last',
    )
    .pluck()
    .get(day) as number;
  return `${day}${String(seq).padStart(5, '0')}`;
}

function hasSubmitted(db: Db, programId: string, registrantId: string): boolean {
  return (
    db
      .prepare("SELECT 1 FROM application WHERE program_id = ? AND registrant_id = ? AND state <> 'draft'")
      .get(programId, registrantId) !== undefined
  );
}

/** The program is open, has a form, and this applicant may (still) apply; returns the form's fields. */
function applicable(ctx: CommandCtx, programId: string, registrantId: string) {
  const p = loadProgram(ctx.db, programId);
  if (!isOpen(p, ctx.now))
    throw new AppError('PD_SSP_002', 'This program does not take applications.', {
      programId: 'PD_SSP_002',
    });
  if (p.form_id === null)
    throw new AppError('PD_SSP_003', 'No form is mapped to this program yet.', {
      programId: 'PD_SSP_003',
    });
  if (p.multiple_submissions !== 1 && hasSubmitted(ctx.db, p.id, registrantId)) {
    throw new AppError('PD_SSP_006', 'You have already applied to this program.', {
      programId: 'PD_SSP_006',
    });
  }
  const form = loadForm(ctx.db, p.form_id);
  return {
    program: p,
    formId: form.id,
    fields: fieldsOf(JSON.parse(form.schema_json) as Record<string, unknown>),
  };
}

function draftOf(db: Db, programId: string, registrantId: string): string | undefined {
  return db
    .prepare("SELECT id FROM application WHERE program_id = ? AND registrant_id = ? AND state = 'draft'")
    .pluck()
    .get(programId, registrantId) as string | undefined;
}

export function saveDraft(ctx: CommandCtx, input: ParsedInput<'portal.saveDraft'>) {
  const actor = requireActor(ctx.actor);
  const registrantId = registrantOf(ctx.db, actor);
  const { program, formId, fields } = applicable(ctx, input.programId, registrantId);
  const data = JSON.stringify(checkSubmission(fields, input.data, true));
  const time = ctx.now.toISOString();
  let id = draftOf(ctx.db, program.id, registrantId);
  if (id)
    ctx.db
      .prepare('UPDATE application SET form_id = ?, data_json = ?, updated_at = ? WHERE id = ?')
      .run(formId, data, time, id);
  else {
    id = nextApplicationId(ctx);
    ctx.db
      .prepare(
        "INSERT INTO application (id, program_id, registrant_id, form_id, data_json, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?)",
      )
      .run(id, program.id, registrantId, formId, data, time, time);
  }
  ctx.changed('applications');
  return {
    output: applicationDetail(loadApplication(ctx.db, id)),
    ref: { type: 'application' as const, id },
    outbox: { applicationId: id, programId: program.id },
  };
}

/**
 * Submit (ssp.md §A5): the membership is made in `draft` if missing, the draft (if any) becomes the
 * application — state `active`, "Applied" — and the answers are checked against the form first.
 */
export function submitApplication(ctx: CommandCtx, input: ParsedInput<'portal.submit'>) {
  const actor = requireActor(ctx.actor);
  const registrantId = registrantOf(ctx.db, actor);
  const { program, formId, fields } = applicable(ctx, input.programId, registrantId);
  const data = JSON.stringify(checkSubmission(fields, input.data, false));
  const time = ctx.now.toISOString();
  ctx.db
    .prepare(
      "INSERT INTO program_membership (program_id, registrant_id, state, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?) ON CONFLICT DO NOTHING",
    )
    .run(program.id, registrantId, time, time);
  let id = draftOf(ctx.db, program.id, registrantId);
  if (id)
    ctx.db
      .prepare(
        "UPDATE application SET form_id = ?, data_json = ?, state = 'active', submitted_at = ?, updated_at = ? WHERE id = ?",
      )
      .run(formId, data, time, time, id);
  else {
    id = nextApplicationId(ctx);
    ctx.db
      .prepare(
        "INSERT INTO application (id, program_id, registrant_id, form_id, data_json, state, submitted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)",
      )
      .run(id, program.id, registrantId, formId, data, time, time, time);
  }
  ctx.changed('applications');
  return {
    output: applicationDetail(loadApplication(ctx.db, id)),
    ref: { type: 'application' as const, id },
    outbox: { applicationId: id, programId: program.id },
  };
}

/** Reject a submitted application (or one in progress) with a reason the applicant reads. */
export function rejectApplication(ctx: CommandCtx, input: ParsedInput<'applications.reject'>) {
  const actor = requireActor(ctx.actor);
  const a = loadApplication(ctx.db, input.applicationId);
  if (a.state !== 'active' && a.state !== 'inprogress')
    throw new AppError('PD_SSP_008', `An application that is ${a.state} cannot be rejected.`, {
      applicationId: 'PD_SSP_008',
    });
  const time = ctx.now.toISOString();
  ctx.db
    .prepare(
      "UPDATE application SET state = 'rejected', reject_reason = ?, decided_at = ?, decided_by = ?, updated_at = ? WHERE id = ?",
    )
    .run(input.reason, time, actor.userId, time, a.id);
  ctx.changed('applications');
  return {
    output: applicationDetail(loadApplication(ctx.db, a.id)),
    ref: { type: 'application' as const, id: a.id },
    outbox: input,
  };
}

/** Enrol: the membership becomes `enrolled` (with its date) and the application `inprogress`. */
export function enrollApplication(ctx: CommandCtx, input: ParsedInput<'applications.enroll'>) {
  const actor = requireActor(ctx.actor);
  const a = loadApplication(ctx.db, input.applicationId);
  if (a.state !== 'active')
    throw new AppError('PD_SSP_008', `An application that is ${a.state} cannot be enrolled.`, {
      applicationId: 'PD_SSP_008',
    });
  const time = ctx.now.toISOString();
  ctx.db
    .prepare("UPDATE application SET state = 'inprogress', decided_at = ?, decided_by = ?, updated_at = ? WHERE id = ?")
    .run(time, actor.userId, time, a.id);
  ctx.db
    .prepare(
      "UPDATE program_membership SET state = 'enrolled', enrolled_at = COALESCE(enrolled_at, ?), updated_at = ? WHERE program_id = ? AND registrant_id = ?",
    )
    .run(time, time, a.program_id, a.registrant_id);
  ctx.changed('applications');
  return {
    output: applicationDetail(loadApplication(ctx.db, a.id)),
    ref: { type: 'application' as const, id: a.id },
    outbox: input,
  };
}

const APPLICATION_SORTS: SortTerms = {
  applicationId: ['a.id'],
  state: ['a.state', 'a.created_at', 'a.id'],
  createdDateTime: ['a.created_at', 'a.id'],
  submittedDateTime: ['a.submitted_at', 'a.id'],
};

function pageApplications(ctx: QueryCtx, input: ParsedInput<'applications.list'>, w: Where) {
  const page = listPage(
    { ...input, sortFieldName: input.sortFieldName ?? 'createdDateTime' },
    APPLICATION_SORTS,
    'createdDateTime',
    'desc',
  );
  if (input.programId) w.add('a.program_id = ?', input.programId);
  if (input.state) w.add('a.state = ?', input.state);
  if (input.applicationId) w.add("a.id LIKE ? ESCAPE '\\'", likeContains(input.applicationId));
  if (input.registrantName) w.add("lower(r.name) LIKE ? ESCAPE '\\'", likeContains(input.registrantName));
  const totalResults = ctx.db
    .prepare(`SELECT COUNT(*) FROM application a JOIN registrant r ON r.id = a.registrant_id ${w.sql}`)
    .pluck()
    .get(...w.params) as number;
  const rows = ctx.db
    .prepare(
      `SELECT ${APPLICATION_COLUMNS} FROM ${APPLICATION_FROM} ${w.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`,
    )
    .all(...w.params, page.limit, page.offset) as ApplicationDb[];
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults,
    data: rows.map(applicationRow),
  };
}

/** The program administrator's review list (drafts are the applicant's own business). */
export function listApplications(ctx: QueryCtx, input: ParsedInput<'applications.list'>) {
  const w = new Where();
  if (input.state !== 'draft') w.add("a.state <> 'draft'");
  return pageApplications(ctx, input, w);
}

/** Everything this applicant saved or submitted, across programs. */
export function myApplications(ctx: QueryCtx, input: ParsedInput<'portal.applications'>) {
  const registrantId = registrantOf(ctx.db, requireActor(ctx.actor));
  return pageApplications(
    ctx,
    { ...input, applicationId: undefined, registrantName: undefined },
    new Where().add('a.registrant_id = ?', registrantId),
  );
}

interface PortalProgramDb extends ProgramDb {
  membership_state: ApplicationDb['membership_state'];
  last_state: ApplicationDb['state'] | null;
  has_applied: number;
}

function portalProgram(r: PortalProgramDb, now: Date) {
  const open = isOpen(r, now) && r.form_id !== null;
  return {
    programId: r.id,
    name: r.name,
    description: r.description,
    startDate: r.start_date,
    endDate: r.end_date,
    multipleSubmissions: r.multiple_submissions === 1,
    isFormMapped: r.form_id !== null,
    hasApplied: r.has_applied === 1,
    membershipState: r.membership_state,
    lastApplicationState: r.last_state,
    canApply: open && (r.has_applied !== 1 || r.multiple_submissions === 1),
  };
}

const PORTAL_PROGRAM_SQL = `SELECT p.id, p.name, p.description, p.target_type, p.state, p.start_date, p.end_date, p.ended_at, p.form_id, NULL AS form_title, NULL AS form_version,
    p.multiple_submissions, 0 AS application_count, p.created_at, p.updated_at, m.state AS membership_state,
    (SELECT a.state FROM application a WHERE a.program_id = p.id AND a.registrant_id = :rid AND a.state <> 'draft' ORDER BY a.submitted_at DESC, a.id DESC LIMIT 1) AS last_state,
    EXISTS (SELECT 1 FROM application a WHERE a.program_id = p.id AND a.registrant_id = :rid AND a.state <> 'draft') AS has_applied
  FROM program p LEFT JOIN program_membership m ON m.program_id = p.id AND m.registrant_id = :rid`;

/**
 * Programs as the applicant sees them: the open ones (active, within their dates), marked applied
 * or enrolled; with `enrolledOnly`, the programs this applicant is enrolled in, open or not.
 */
export function portalPrograms(ctx: QueryCtx, input: ParsedInput<'portal.programs'>) {
  const registrantId = registrantOf(ctx.db, requireActor(ctx.actor));
  const page = listPage(input, { name: ['p.name', 'p.id'], createdDateTime: ['p.created_at', 'p.id'] }, 'name', 'asc');
  const today = ctx.now.toISOString().slice(0, 10);
  const parts = input.enrolledOnly
    ? ["m.state = 'enrolled'"]
    : [
        "p.state = 'active'",
        '(p.start_date IS NULL OR p.start_date <= :today)',
        '(p.end_date IS NULL OR p.end_date >= :today)',
      ];
  if (input.name) parts.push("lower(p.name) LIKE :name ESCAPE '\\'");
  const params = {
    rid: registrantId,
    today,
    ...(input.name ? { name: likeContains(input.name) } : {}),
  };
  const where = `WHERE ${parts.join(' AND ')}`;
  const totalResults = ctx.db
    .prepare(
      `SELECT COUNT(*) FROM program p LEFT JOIN program_membership m ON m.program_id = p.id AND m.registrant_id = :rid ${where}`,
    )
    .pluck()
    .get(params) as number;
  const rows = ctx.db
    .prepare(`${PORTAL_PROGRAM_SQL} ${where} ORDER BY ${page.orderBy} LIMIT :limit OFFSET :offset`)
    .all({ ...params, limit: page.limit, offset: page.offset }) as PortalProgramDb[];
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults,
    data: rows.map((r) => portalProgram(r, ctx.now)),
  };
}

export function portalProgramOf(ctx: QueryCtx, programId: string, registrantId: string) {
  const r = ctx.db.prepare(`${PORTAL_PROGRAM_SQL} WHERE p.id = :pid`).get({ rid: registrantId, pid: programId }) as
    PortalProgramDb | undefined;
  if (!r) throw new AppError('PD_SSP_001', 'No such program.', { programId: 'PD_SSP_001' });
  return portalProgram(r, ctx.now);
}

/** The form to fill in: the draft if there is one, and the demographic record for auto-fill. */
export function portalForm(ctx: QueryCtx, input: ParsedInput<'portal.form'>) {
  const registrantId = registrantOf(ctx.db, requireActor(ctx.actor));
  const program = portalProgramOf(ctx, input.programId, registrantId);
  const p = loadProgram(ctx.db, input.programId);
  if (!isOpen(p, ctx.now))
    throw new AppError('PD_SSP_002', 'This program does not take applications.', {
      programId: 'PD_SSP_002',
    });
  if (p.form_id === null)
    throw new AppError('PD_SSP_003', 'No form is mapped to this program yet.', {
      programId: 'PD_SSP_003',
    });
  const form = loadForm(ctx.db, p.form_id);
  const fields = fieldsOf(JSON.parse(form.schema_json) as Record<string, unknown>);
  const draftId = draftOf(ctx.db, p.id, registrantId);
  const draft = draftId ? applicationDetail(loadApplication(ctx.db, draftId)).data : null;
  const demographics = JSON.parse(
    (ctx.db
      .prepare('SELECT data_json FROM registrant_demographic WHERE registrant_id = ? ORDER BY version DESC LIMIT 1')
      .pluck()
      .get(registrantId) as string | undefined) ?? '{}',
  ) as Record<string, unknown>;
  const prefill = Object.fromEntries(
    fields.filter((f) => demographics[f.key] !== undefined).map((f) => [f.key, demographics[f.key]]),
  );
  return { program, form: formDetail(form), draft, prefill };
}
