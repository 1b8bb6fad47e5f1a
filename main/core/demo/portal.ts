import type { WriteDb } from '../context.ts';
import type { CoreDeps } from '../deps.ts';
import { newUuid } from '../ids.ts';

/**
 * The self-service portal's part of the demo (issue 15): a household form whose keys match the
 * sign-in's claim mapping (so a demo applicant sees it filled in), an open program that takes it
 * and allows several submissions, an open one that allows one, and an ended one. The demo admin
 * also administers programs, so the applications a newcomer submits can be reviewed at once.
 */
export const DEMO_PORTAL_FORM = {
  display: 'form',
  components: [
    {
      type: 'panel',
      key: 'applicant',
      title: 'Applicant',
      components: [
        {
          type: 'textfield',
          key: 'name',
          label: 'Full name',
          input: true,
          validate: { required: true, maxLength: 80 },
        },
        {
          type: 'textfield',
          key: 'nationalId',
          label: 'National ID',
          input: true,
          validate: { required: true, pattern: '[0-9]{10}' },
        },
        { type: 'email', key: 'email', label: 'E-mail', input: true },
        {
          type: 'phoneNumber',
          key: 'phone',
          label: 'Phone',
          input: true,
          validate: { pattern: '\\+?[0-9 ]{6,20}' },
        },
      ],
    },
    {
      type: 'number',
      key: 'householdSize',
      label: 'People in the household',
      input: true,
      validate: { required: true, min: 1, max: 30 },
    },
    {
      type: 'select',
      key: 'region',
      label: 'Region',
      input: true,
      data: {
        values: [
          { label: 'North', value: 'north' },
          { label: 'South', value: 'south' },
          { label: 'Coast', value: 'coast' },
        ],
      },
      validate: { required: true },
    },
    { type: 'button', key: 'submit', label: 'Submit', action: 'submit' },
  ],
} as const;

export const DEMO_PROGRAMS = [
  {
    name: 'Household cash transfer',
    description: 'Monthly support for households in the programme regions. You may apply again after a decision.',
    state: 'active',
    multiple: true,
    startDaysAgo: 60,
    endDaysAfter: null,
  },
  {
    name: 'School meals',
    description: 'Free school meals for the children of registered households. One application per household.',
    state: 'active',
    multiple: false,
    startDaysAgo: 20,
    endDaysAfter: 300,
  },
  {
    name: 'Drought relief',
    description: 'Emergency support after last season’s drought. This program has ended.',
    state: 'ended',
    multiple: false,
    startDaysAgo: 400,
    endDaysAfter: -35,
  },
] as const;

const DAY = 86_400_000;
const dayOf = (now: Date, days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);

export function seedDemoPortal(db: WriteDb, deps: Pick<CoreDeps, 'randomBytes'>, now: Date, adminId: string): number {
  db.prepare("INSERT INTO user_role (user_id, role) VALUES (?, 'PROGRAM_ADMIN') ON CONFLICT DO NOTHING").run(adminId);
  const formId = newUuid(deps);
  const formTime = new Date(now.getTime() - 70 * DAY).toISOString();
  db.prepare(
    'INSERT INTO portal_form (id, form_key, version, title, schema_json, cr_by, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?)',
  ).run(formId, formId, 'Household application', JSON.stringify(DEMO_PORTAL_FORM), adminId, formTime, formTime);
  const insert = db.prepare(
    `INSERT INTO program (id, name, description, target_type, state, start_date, end_date, ended_at, form_id,
       multiple_submissions, cr_by, created_at, updated_at)
     VALUES (?, ?, ?, 'individual', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of DEMO_PROGRAMS) {
    const created = new Date(now.getTime() - (p.startDaysAgo + 5) * DAY).toISOString();
    const ended = p.state === 'ended' ? new Date(now.getTime() + (p.endDaysAfter ?? 0) * DAY).toISOString() : null;
    insert.run(
      newUuid(deps),
      p.name,
      p.description,
      p.state,
      dayOf(now, -p.startDaysAgo),
      p.endDaysAfter === null ? null : dayOf(now, p.endDaysAfter),
      ended,
      formId,
      p.multiple ? 1 : 0,
      adminId,
      created,
      ended ?? created,
    );
  }
  return DEMO_PROGRAMS.length;
}
