import { AppError } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import type { CommandCtx, QueryCtx, ReadDb, WriteDb } from '../context.ts';
import { requireActor } from '../context.ts';
import { insertUser } from '../accounts/users.ts';
import { newUuid } from '../ids.ts';
import { checkSubmission, fieldsOf } from '../portal/formio.ts';
import { isOpen } from '../portal/programs.ts';
import { writeDemographics } from '../portal/registrants.ts';
import { formDetail, loadForm, loadProgram } from '../portal/rows.ts';
import { assistedView, loadAssisted, requireState } from './rows.ts';
import type { AssistedDb } from './rows.ts';

type Db = ReadDb | WriteDb;
/** No password verifies it: an applicant registered by an officer signs in only through an ID provider. */
const NO_PASSWORD = '!assisted';

function openForm(db: Db, r: AssistedDb, now: Date) {
  const p = loadProgram(db, r.program_id);
  if (!isOpen(p, now))
    throw new AppError('PD_SSP_002', 'This program does not take applications.', {
      programId: 'PD_SSP_002',
    });
  if (p.form_id === null)
    throw new AppError('PD_SSP_003', 'No form is mapped to this program yet.', {
      programId: 'PD_SSP_003',
    });
  const form = loadForm(db, p.form_id);
  return {
    program: p,
    form,
    fields: fieldsOf(JSON.parse(form.schema_json) as Record<string, unknown>),
  };
}

/** The consented claims as the form's fields: through the configured mapping, or a claim named like the field. */
export function prefillOf(
  mapping: Readonly<Record<string, string>>,
  claims: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const claim = mapping[key] ?? key;
    // IDA names language-bound attributes with a suffix (name_eng); the plain name wins.
    const v = claims[claim] ?? claims[`${claim}_eng`];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
  }
  return out;
}

export function assistedForm(ctx: QueryCtx, input: ParsedInput<'assisted.form'>) {
  const r = loadAssisted(ctx.db, input.assistedId, requireActor(ctx.actor));
  requireState(r, 'authenticated');
  const p = loadProgram(ctx.db, r.program_id);
  if (p.form_id === null)
    throw new AppError('PD_SSP_003', 'No form is mapped to this program yet.', {
      programId: 'PD_SSP_003',
    });
  const form = loadForm(ctx.db, p.form_id);
  const fields = fieldsOf(JSON.parse(form.schema_json) as Record<string, unknown>);
  const claims = JSON.parse(r.claims_json ?? '{}') as Record<string, unknown>;
  return {
    application: assistedView(ctx.db, r, ctx.deps.config.assisted.queueTtlMinutes),
    form: formDetail(form),
    prefill: prefillOf(
      ctx.deps.config.assisted.claimMapping,
      claims,
      fields.map((f) => f.key),
    ),
    draft: r.draft_json ? (JSON.parse(r.draft_json) as Record<string, unknown>) : null,
  };
}

export function saveAssistedDraft(ctx: CommandCtx, input: ParsedInput<'assisted.saveDraft'>) {
  const actor = requireActor(ctx.actor);
  const r = loadAssisted(ctx.db, input.assistedId, actor);
  requireState(r, 'authenticated');
  const { fields } = openForm(ctx.db, r, ctx.now);
  const data = JSON.stringify(checkSubmission(fields, input.data, true));
  ctx.db
    .prepare('UPDATE assisted_application SET draft_json = ?, updated_at = ? WHERE id = ?')
    .run(data, ctx.now.toISOString(), r.id);
  ctx.changed('assisted');
  return {
    output: assistedView(ctx.db, loadAssisted(ctx.db, r.id, actor), ctx.deps.config.assisted.queueTtlMinutes),
    ref: { type: 'assisted' as const, id: r.id },
    outbox: { assistedId: r.id },
  };
}

/** The registrant of this ID, or a new one with an applicant account (no password), as the portal's sign-in makes. */
function registrantFor(ctx: CommandCtx, r: AssistedDb, name: string, time: string): string {
  const found = ctx.db
    .prepare('SELECT id FROM registrant WHERE id_type = ? AND id_value = ?')
    .pluck()
    .get(r.individual_id_type, r.individual_id) as string | undefined;
  if (found) return found;
  const userId = `applicant-${newUuid(ctx.deps)}`;
  const [firstName, ...rest] = name.split(/\s+/);
  insertUser(
    ctx.db,
    {
      id: userId,
      email: `${userId}@applicants.invalid`,
      firstName: (firstName ?? '').slice(0, 64),
      lastName: rest.join(' ').slice(0, 64),
      orgName: '',
      passwordHash: NO_PASSWORD,
      lang: 'en',
      roles: ['APPLICANT'],
    },
    time,
  );
  const registrantId = newUuid(ctx.deps);
  ctx.db
    .prepare('INSERT INTO registrant (id, user_id, id_type, id_value, name, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(registrantId, userId, r.individual_id_type, r.individual_id, name, time);
  return registrantId;
}

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

/**
 * Submits on the applicant's behalf (ssp.md §A5): the registrant found by ID (or made), the form's
 * answers checked, the membership made in draft, the application active — linked to the officer.
 */
export function submitAssisted(ctx: CommandCtx, input: ParsedInput<'assisted.submit'>) {
  const actor = requireActor(ctx.actor);
  const r = loadAssisted(ctx.db, input.assistedId, actor);
  requireState(r, 'authenticated');
  const { program, form, fields } = openForm(ctx.db, r, ctx.now);
  const data = checkSubmission(fields, input.data, false);
  const claims = JSON.parse(r.claims_json ?? '{}') as Record<string, unknown>;
  const time = ctx.now.toISOString();
  const nameOf = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 256) : null);
  const name = nameOf(data.name) ?? nameOf(claims.fullName) ?? nameOf(claims.name) ?? r.individual_id;
  const registrantId = registrantFor(ctx, r, name, time);
  if (
    program.multiple_submissions !== 1 &&
    ctx.db
      .prepare("SELECT 1 FROM application WHERE program_id = ? AND registrant_id = ? AND state <> 'draft'")
      .get(program.id, registrantId)
  ) {
    throw new AppError('PD_SSP_006', 'This applicant has already applied to this program.', {
      programId: 'PD_SSP_006',
    });
  }
  writeDemographics(ctx.db, registrantId, name, data, 'submission', actor.userId, time);
  ctx.db
    .prepare(
      "INSERT INTO program_membership (program_id, registrant_id, state, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?) ON CONFLICT DO NOTHING",
    )
    .run(program.id, registrantId, time, time);
  const applicationId = nextApplicationId(ctx);
  ctx.db
    .prepare(
      "INSERT INTO application (id, program_id, registrant_id, form_id, data_json, state, submitted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)",
    )
    .run(applicationId, program.id, registrantId, form.id, JSON.stringify(data), time, time, time);
  ctx.db
    .prepare(
      "UPDATE assisted_application SET state = 'submitted', application_id = ?, draft_json = NULL, updated_at = ? WHERE id = ?",
    )
    .run(applicationId, time, r.id);
  ctx.changed('assisted');
  ctx.changed('applications');
  return {
    output: assistedView(ctx.db, loadAssisted(ctx.db, r.id, actor), ctx.deps.config.assisted.queueTtlMinutes),
    ref: { type: 'application' as const, id: applicationId },
    outbox: { assistedId: r.id, applicationId },
  };
}
