import { AppError } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import type { CommandCtx, QueryCtx } from '../context.ts';
import { requireActor } from '../context.ts';
import { newUuid } from '../ids.ts';
import { likeContains } from '../lists/paging.ts';
import { Where, listPage } from '../lists/sort.ts';
import type { SortTerms } from '../lists/sort.ts';
import { fieldsOf } from './formio.ts';
import {
  FORM_COLUMNS,
  PROGRAM_COLUMNS,
  PROGRAM_FROM,
  formDetail,
  formRow,
  loadForm,
  loadProgram,
  programRow,
} from './rows.ts';
import type { FormDb, ProgramDb } from './rows.ts';

function checkDates(startDate: string | null, endDate: string | null): void {
  if (startDate !== null && endDate !== null && endDate < startDate)
    throw new AppError('PD_SSP_017', 'The end date is before the start date.', {
      endDate: 'PD_SSP_017',
    });
}

function checkName(ctx: CommandCtx, name: string, except: string | null): void {
  const other = ctx.db.prepare('SELECT id FROM program WHERE lower(name) = lower(?) AND id IS NOT ?').get(name, except);
  if (other)
    throw new AppError('PD_SSP_018', 'A program with this name already exists.', {
      name: 'PD_SSP_018',
    });
}

export function createProgram(ctx: CommandCtx, input: ParsedInput<'programs.create'>) {
  const actor = requireActor(ctx.actor);
  checkDates(input.startDate, input.endDate);
  checkName(ctx, input.name, null);
  const id = newUuid(ctx.deps);
  const time = ctx.now.toISOString();
  ctx.db
    .prepare(
      `INSERT INTO program (id, name, description, target_type, state, start_date, end_date, cr_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)`,
    )
    .run(id, input.name, input.description, input.targetType, input.startDate, input.endDate, actor.userId, time, time);
  ctx.changed('programs');
  return {
    output: programRow(loadProgram(ctx.db, id)),
    ref: { type: 'program' as const, id },
    outbox: { programId: id, ...input },
  };
}

export function updateProgram(ctx: CommandCtx, input: ParsedInput<'programs.update'>) {
  const actor = requireActor(ctx.actor);
  loadProgram(ctx.db, input.programId);
  checkDates(input.startDate, input.endDate);
  checkName(ctx, input.name, input.programId);
  ctx.db
    .prepare(
      'UPDATE program SET name = ?, description = ?, start_date = ?, end_date = ?, upd_by = ?, updated_at = ? WHERE id = ?',
    )
    .run(
      input.name,
      input.description,
      input.startDate,
      input.endDate,
      actor.userId,
      ctx.now.toISOString(),
      input.programId,
    );
  ctx.changed('programs');
  return {
    output: programRow(loadProgram(ctx.db, input.programId)),
    ref: { type: 'program' as const, id: input.programId },
    outbox: input,
  };
}

/** OpenG2P: only an active program can be ended, only an ended one re-activated (ssp.md §A3). */
export function setProgramState(ctx: CommandCtx, input: ParsedInput<'programs.setState'>) {
  const actor = requireActor(ctx.actor);
  const p = loadProgram(ctx.db, input.programId);
  if (p.state === input.state)
    throw new AppError('PD_SSP_008', `The program is already ${p.state}.`, { state: 'PD_SSP_008' });
  const time = ctx.now.toISOString();
  ctx.db
    .prepare('UPDATE program SET state = ?, ended_at = ?, upd_by = ?, updated_at = ? WHERE id = ?')
    .run(input.state, input.state === 'ended' ? time : null, actor.userId, time, p.id);
  ctx.changed('programs');
  return {
    output: programRow(loadProgram(ctx.db, p.id)),
    ref: { type: 'program' as const, id: p.id },
    outbox: input,
  };
}

export function mapForm(ctx: CommandCtx, input: ParsedInput<'programs.mapForm'>) {
  const actor = requireActor(ctx.actor);
  const p = loadProgram(ctx.db, input.programId);
  if (input.formId !== null) loadForm(ctx.db, input.formId);
  ctx.db
    .prepare('UPDATE program SET form_id = ?, multiple_submissions = ?, upd_by = ?, updated_at = ? WHERE id = ?')
    .run(input.formId, input.multipleSubmissions ? 1 : 0, actor.userId, ctx.now.toISOString(), p.id);
  ctx.changed('programs');
  return {
    output: programRow(loadProgram(ctx.db, p.id)),
    ref: { type: 'program' as const, id: p.id },
    outbox: input,
  };
}

export function createForm(ctx: CommandCtx, input: ParsedInput<'portalForms.create'>) {
  const actor = requireActor(ctx.actor);
  fieldsOf(input.schema);
  const id = newUuid(ctx.deps);
  const time = ctx.now.toISOString();
  ctx.db
    .prepare(
      'INSERT INTO portal_form (id, form_key, version, title, schema_json, cr_by, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?)',
    )
    .run(id, id, input.title, JSON.stringify(input.schema), actor.userId, time, time);
  ctx.changed('programs');
  return {
    output: formDetail(loadForm(ctx.db, id)),
    ref: { type: 'portalForm' as const, id },
    outbox: { formId: id, title: input.title },
  };
}

/**
 * A form nobody uses yet is edited in place; one mapped to a program or answered by an application
 * is never changed: the edit becomes the next version (programs stay on theirs until remapped).
 * Only the newest version of a form can be edited.
 */
export function updateForm(ctx: CommandCtx, input: ParsedInput<'portalForms.update'>) {
  const actor = requireActor(ctx.actor);
  const f = loadForm(ctx.db, input.formId);
  if (f.superseded === 1)
    throw new AppError('PD_SSP_008', 'A newer version of this form exists; edit that one.', {
      formId: 'PD_SSP_008',
    });
  fieldsOf(input.schema);
  const time = ctx.now.toISOString();
  let id = f.id;
  if (f.in_use === 1) {
    id = newUuid(ctx.deps);
    ctx.db
      .prepare(
        'INSERT INTO portal_form (id, form_key, version, title, schema_json, cr_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, f.form_key, f.version + 1, input.title, JSON.stringify(input.schema), actor.userId, time, time);
  } else {
    ctx.db
      .prepare('UPDATE portal_form SET title = ?, schema_json = ?, updated_at = ? WHERE id = ?')
      .run(input.title, JSON.stringify(input.schema), time, f.id);
  }
  ctx.changed('programs');
  return {
    output: formDetail(loadForm(ctx.db, id)),
    ref: { type: 'portalForm' as const, id },
    outbox: { formId: id, previous: f.id, newVersion: id !== f.id },
  };
}

const PROGRAM_SORTS: SortTerms = {
  name: ['p.name', 'p.id'],
  state: ['p.state', 'p.created_at', 'p.id'],
  startDate: ['p.start_date', 'p.id'],
  endDate: ['p.end_date', 'p.id'],
  createdDateTime: ['p.created_at', 'p.id'],
};

export function listPrograms(ctx: QueryCtx, input: ParsedInput<'programs.list'>) {
  const page = listPage(input, PROGRAM_SORTS, 'createdDateTime', 'desc');
  const w = new Where();
  if (input.name) w.add("lower(p.name) LIKE ? ESCAPE '\\'", likeContains(input.name));
  if (input.state) w.add('p.state = ?', input.state);
  if (input.formMapped !== undefined) w.add(input.formMapped ? 'p.form_id IS NOT NULL' : 'p.form_id IS NULL');
  const totalResults = ctx.db
    .prepare(`SELECT COUNT(*) FROM program p ${w.sql}`)
    .pluck()
    .get(...w.params) as number;
  const rows = ctx.db
    .prepare(`SELECT ${PROGRAM_COLUMNS} FROM ${PROGRAM_FROM} ${w.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`)
    .all(...w.params, page.limit, page.offset) as ProgramDb[];
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults,
    data: rows.map(programRow),
  };
}

const FORM_SORTS: SortTerms = {
  title: ['f.title', 'f.id'],
  version: ['f.version', 'f.id'],
  createdDateTime: ['f.created_at', 'f.id'],
};

export function listForms(ctx: QueryCtx, input: ParsedInput<'portalForms.list'>) {
  const page = listPage(input, FORM_SORTS, 'createdDateTime', 'desc');
  const w = new Where();
  if (input.title) w.add("lower(f.title) LIKE ? ESCAPE '\\'", likeContains(input.title));
  if (input.latestOnly)
    w.add('NOT EXISTS (SELECT 1 FROM portal_form n WHERE n.form_key = f.form_key AND n.version > f.version)');
  const totalResults = ctx.db
    .prepare(`SELECT COUNT(*) FROM portal_form f ${w.sql}`)
    .pluck()
    .get(...w.params) as number;
  const rows = ctx.db
    .prepare(`SELECT ${FORM_COLUMNS} FROM portal_form f ${w.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`)
    .all(...w.params, page.limit, page.offset) as FormDb[];
  return { pageNo: input.pageNo, pageSize: input.pageSize, totalResults, data: rows.map(formRow) };
}

/** Open for applications: active, and today (by the core's clock, UTC) within its dates. */
export function isOpen(p: Pick<ProgramDb, 'state' | 'start_date' | 'end_date'>, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  return (
    p.state === 'active' &&
    (p.start_date === null || p.start_date <= today) &&
    (p.end_date === null || today <= p.end_date)
  );
}
