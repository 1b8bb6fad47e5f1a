import { AppError } from '../../contract/index.ts';
import { applicationReview } from './review.ts';
import type { MethodName } from '../../contract/index.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { requireActor } from '../context.ts';
import {
  registrantOf,
  enrollApplication,
  listApplications,
  myApplications,
  portalForm,
  portalPrograms,
  rejectApplication,
  saveDraft,
  submitApplication,
} from './applications.ts';
import {
  createForm,
  createProgram,
  listForms,
  listPrograms,
  mapForm,
  setProgramState,
  updateForm,
  updateProgram,
} from './programs.ts';
import { myProfile, updateProfile } from './registrants.ts';
import { applicationDetail, formDetail, loadApplication, loadForm, loadProgram, programRow } from './rows.ts';
import { signInHandlers } from './signin.ts';

type PortalMethods = Extract<
  MethodName,
  `programs.${string}` | `portalForms.${string}` | `applications.${string}` | `portal.${string}` | 'programAdmins.grant'
>;

export const portalHandlers: HandlerMap<PortalMethods> = {
  'programAdmins.grant': command<'programAdmins.grant'>({
    module: 'portal',
    apply(ctx, input) {
      const exists = ctx.db.prepare('SELECT 1 FROM app_user WHERE id = ?').get(input.userId);
      if (!exists) throw new AppError('PD_SSP_020', 'No such user.', { userId: 'PD_SSP_020' });
      ctx.db
        .prepare("INSERT INTO user_role (user_id, role) VALUES (?, 'PROGRAM_ADMIN') ON CONFLICT DO NOTHING")
        .run(input.userId);
      ctx.changed('accounts');
      const roles = ctx.db
        .prepare('SELECT role FROM user_role WHERE user_id = ? ORDER BY role')
        .pluck()
        .all(input.userId) as string[];
      return {
        output: { userId: input.userId, roles },
        ref: { type: 'user' as const, id: input.userId },
        outbox: input,
      };
    },
  }),
  'programs.create': command<'programs.create'>({ module: 'portal', apply: createProgram }),
  'programs.update': command<'programs.update'>({ module: 'portal', apply: updateProgram }),
  'programs.setState': command<'programs.setState'>({ module: 'portal', apply: setProgramState }),
  'programs.mapForm': command<'programs.mapForm'>({ module: 'portal', apply: mapForm }),
  'programs.list': query(listPrograms),
  'programs.get': query((ctx, input) => programRow(loadProgram(ctx.db, input.programId))),
  'portalForms.create': command<'portalForms.create'>({ module: 'portal', apply: createForm }),
  'portalForms.update': command<'portalForms.update'>({ module: 'portal', apply: updateForm }),
  'portalForms.list': query(listForms),
  'portalForms.get': query((ctx, input) => formDetail(loadForm(ctx.db, input.formId))),
  'applications.list': query(listApplications),
  'applications.get': query((ctx, input) => applicationReview(ctx.db, input.applicationId)),
  'applications.reject': command<'applications.reject'>({
    module: 'portal',
    apply: rejectApplication,
  }),
  'applications.enroll': command<'applications.enroll'>({
    module: 'portal',
    apply: enrollApplication,
  }),
  'portal.programs': query(portalPrograms),
  'portal.form': query(portalForm),
  'portal.saveDraft': command<'portal.saveDraft'>({ module: 'portal', apply: saveDraft }),
  'portal.submit': command<'portal.submit'>({ module: 'portal', apply: submitApplication }),
  'portal.applications': query(myApplications),
  'portal.application': query((ctx, input) =>
    applicationDetail(loadApplication(ctx.db, input.applicationId, registrantOf(ctx.db, requireActor(ctx.actor)))),
  ),
  'portal.profile': query(myProfile),
  'portal.updateProfile': command<'portal.updateProfile'>({
    module: 'portal',
    apply: updateProfile,
  }),
  ...signInHandlers,
};
