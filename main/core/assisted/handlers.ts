import { AppError } from '../../contract/index.ts';
import type { MethodName, ParsedInput } from '../../contract/index.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import type { CommandCtx, QueryCtx } from '../context.ts';
import { requireActor } from '../context.ts';
import { hashPassword, checkPasswordStrength } from '../accounts/passwords.ts';
import { checkUnique, checkUsername, normalizeEmail } from '../accounts/rules.ts';
import { insertUser } from '../accounts/users.ts';
import { newUuid } from '../ids.ts';
import { likeContains } from '../lists/paging.ts';
import { listPage } from '../lists/sort.ts';
import { isOpen } from '../portal/programs.ts';
import { loadProgram } from '../portal/rows.ts';
import { applyAuthenticate, expireQueue, newRound, prepareAuthenticate, transactionId } from './authenticate.ts';
import type { KycSent } from './authenticate.ts';
import { applyCapture, prepareCapture } from './capture.ts';
import type { CaptureDone } from './capture.ts';
import { listAuthDevices } from './device.ts';
import { checkIndividualId } from './individual-id.ts';
import { ASSISTED_SELECT, assistedView, loadAssisted, requireState } from './rows.ts';
import type { AssistedDb } from './rows.ts';
import { assistedForm, saveAssistedDraft, submitAssisted } from './submit.ts';

type AssistedMethods = Extract<MethodName, `assisted.${string}` | 'registrationOfficers.create'>;

const ttl = (ctx: QueryCtx) => ctx.deps.config.assisted.queueTtlMinutes;
const viewOf = (ctx: QueryCtx | CommandCtx, id: string) =>
  assistedView(ctx.db, loadAssisted(ctx.db, id, requireActor(ctx.actor)), ctx.deps.config.assisted.queueTtlMinutes);

function openAssisted(ctx: CommandCtx, input: ParsedInput<'assisted.open'>) {
  if (!input.consent)
    throw new AppError('PD_ASR_004', "Record the applicant's consent first.", {
      consent: 'PD_ASR_004',
    });
  const individualId = checkIndividualId(input.individualIdType, input.individualId);
  const p = loadProgram(ctx.db, input.programId);
  if (!isOpen(p, ctx.now))
    throw new AppError('PD_SSP_002', 'This program does not take applications.', {
      programId: 'PD_SSP_002',
    });
  if (p.form_id === null)
    throw new AppError('PD_SSP_003', 'No form is mapped to this program yet.', {
      programId: 'PD_SSP_003',
    });
  const id = newUuid(ctx.deps);
  const time = ctx.now.toISOString();
  ctx.db
    .prepare(
      `INSERT INTO assisted_application (id, officer_id, individual_id_type, individual_id, program_id, state, consent_at, transaction_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`,
    )
    .run(
      id,
      requireActor(ctx.actor).userId,
      input.individualIdType,
      individualId,
      p.id,
      time,
      transactionId(ctx),
      time,
      time,
    );
  ctx.changed('assisted');
  return {
    output: viewOf(ctx, id),
    ref: { type: 'assisted' as const, id },
    outbox: { assistedId: id, programId: p.id, individualIdType: input.individualIdType },
  };
}

export const assistedHandlers: HandlerMap<AssistedMethods> = {
  'registrationOfficers.create': command<'registrationOfficers.create', string>({
    module: 'accounts',
    async prepare(ctx, input) {
      checkUsername(input.username);
      const email = normalizeEmail(input.email);
      checkPasswordStrength(input.password, input.username);
      checkUnique(ctx.db, input.username, email);
      return hashPassword(input.password, ctx.deps.randomBytes(16));
    },
    apply(ctx, input, passwordHash) {
      const email = normalizeEmail(input.email);
      checkUnique(ctx.db, input.username, email);
      const admin = ctx.db
        .prepare('SELECT org_name FROM app_user WHERE id = ?')
        .pluck()
        .get(requireActor(ctx.actor).userId) as string;
      insertUser(
        ctx.db,
        {
          id: input.username,
          email,
          firstName: input.firstName,
          lastName: input.lastName,
          orgName: admin,
          passwordHash,
          lang: input.lang,
          roles: ['REGISTRATION_OFFICER'],
        },
        ctx.now.toISOString(),
      );
      ctx.changed('accounts');
      // No password in the outbox: the officer's account is made here; a server gets it through its own admin.
      return {
        output: { userId: input.username, roles: ['REGISTRATION_OFFICER'] },
        ref: { type: 'user' as const, id: input.username },
        outbox: false,
      };
    },
  }),
  'assisted.settings': query((ctx) => {
    const cfg = ctx.deps.config.assisted;
    return {
      modalities: cfg.modalities.map((m) => ({
        modality: m,
        threshold: cfg.thresholds[m],
        maxAttempts: cfg.maxAttempts,
      })),
      idServiceConfigured:
        ctx.deps.ida !== null && ctx.db.prepare('SELECT 1 FROM ida_client LIMIT 1').get() !== undefined,
      queueTtlMinutes: cfg.queueTtlMinutes,
    };
  }),
  'assisted.devices': query((ctx, input) => listAuthDevices(ctx, input.refresh)),
  'assisted.programs': query((ctx, input) => {
    const page = listPage(input, { name: ['p.name', 'p.id'] }, 'name', 'asc');
    const today = ctx.now.toISOString().slice(0, 10);
    const where = `WHERE p.state = 'active' AND p.form_id IS NOT NULL AND (p.start_date IS NULL OR p.start_date <= :today) AND (p.end_date IS NULL OR p.end_date >= :today)${input.name ? " AND lower(p.name) LIKE :name ESCAPE '\\'" : ''}`;
    const params = { today, ...(input.name ? { name: likeContains(input.name) } : {}) };
    const totalResults = ctx.db.prepare(`SELECT COUNT(*) FROM program p ${where}`).pluck().get(params) as number;
    const data = ctx.db
      .prepare(
        `SELECT p.id AS programId, p.name, p.description FROM program p ${where} ORDER BY ${page.orderBy} LIMIT :limit OFFSET :offset`,
      )
      .all({ ...params, limit: page.limit, offset: page.offset }) as Array<{
      programId: string;
      name: string;
      description: string;
    }>;
    return { pageNo: input.pageNo, pageSize: input.pageSize, totalResults, data };
  }),
  'assisted.open': command<'assisted.open'>({ module: 'assisted', apply: openAssisted }),
  'assisted.setExceptions': command<'assisted.setExceptions'>({
    module: 'assisted',
    apply(ctx, input) {
      const r = loadAssisted(ctx.db, input.assistedId, requireActor(ctx.actor));
      requireState(r, 'draft');
      ctx.db
        .prepare('UPDATE assisted_application SET exceptions_json = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify([...new Set(input.exceptions)].sort()), ctx.now.toISOString(), r.id);
      ctx.changed('assisted');
      // Missing fingers are part of the application the server keeps: a joined desk queues them.
      return {
        output: viewOf(ctx, r.id),
        ref: { type: 'assisted' as const, id: r.id },
        outbox: { assistedId: r.id, exceptions: input.exceptions },
      };
    },
  }),
  'assisted.capture': command<'assisted.capture', CaptureDone>({
    module: 'assisted',
    prepare: prepareCapture,
    apply: applyCapture,
  }),
  'assisted.authenticate': command<'assisted.authenticate', KycSent>({
    module: 'assisted',
    prepare: prepareAuthenticate,
    apply: applyAuthenticate,
  }),
  'assisted.restart': command<'assisted.restart'>({
    module: 'assisted',
    apply(ctx, input) {
      const r = loadAssisted(ctx.db, input.assistedId, requireActor(ctx.actor));
      requireState(r, 'refused', 'draft');
      newRound(ctx, ctx.db, r, 'draft', ctx.now.toISOString());
      ctx.changed('assisted');
      return { output: viewOf(ctx, r.id), ref: { type: 'assisted' as const, id: r.id }, outbox: false };
    },
  }),
  'assisted.list': query((ctx, input) => {
    const officer = requireActor(ctx.actor).userId;
    const page = listPage(
      { ...input, sortFieldName: input.sortFieldName ?? 'createdDateTime' },
      { createdDateTime: ['a.created_at', 'a.id'] },
      'createdDateTime',
      'desc',
    );
    const where = `WHERE a.officer_id = ?${input.state ? ' AND a.state = ?' : ''}`;
    const params = input.state ? [officer, input.state] : [officer];
    const totalResults = ctx.db
      .prepare(`SELECT COUNT(*) FROM assisted_application a ${where}`)
      .pluck()
      .get(...params) as number;
    const rows = ctx.db
      .prepare(`${ASSISTED_SELECT} ${where} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`)
      .all(...params, page.limit, page.offset) as AssistedDb[];
    return {
      pageNo: input.pageNo,
      pageSize: input.pageSize,
      totalResults,
      data: rows.map((r) => assistedView(ctx.db, r, ttl(ctx))),
    };
  }),
  'assisted.get': query((ctx, input) => viewOf(ctx, input.assistedId)),
  'assisted.form': query(assistedForm),
  'assisted.saveDraft': command<'assisted.saveDraft'>({
    module: 'assisted',
    apply: saveAssistedDraft,
  }),
  'assisted.submit': command<'assisted.submit'>({ module: 'assisted', apply: submitAssisted }),
  'assisted.expireQueue': command<'assisted.expireQueue'>({
    module: 'assisted',
    apply: (ctx) => expireQueue(ctx),
  }),
};
