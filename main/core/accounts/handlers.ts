import { generateDemoChipCertificates, seedDemoDevices } from '../demo/devices.ts';
import { markDemoDatabase, trustVirtualRoots } from '../hardware/virtual-roots.ts';
import { AppError } from '../../contract/index.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { requireActor } from '../context.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { checkUnique, checkUsername, normalizeEmail, normalizePhone, partnerTypeOf } from './rules.ts';
import { hasUsers, insertPartner, insertUser } from './users.ts';
import { loadProfile } from './profile.ts';
import { loginHandlers } from './login.ts';
import { resetHandlers } from './reset.ts';
import { seedDemoPortal } from '../demo/portal.ts';
import { seedDemo } from '../demo/seed.ts';
import { generateDemoPki, seedDemoPki } from '../demo/pki.ts';
import { generateDemoIda, seedDemoIda } from '../demo/ida.ts';
import type { DemoIda } from '../demo/ida.ts';
import type { DemoPki } from '../demo/pki.ts';
import { createSigningCa, storeSigningCa } from '../certificates/signing-ca.ts';
import type { NewSigningCa } from '../certificates/signing-ca.ts';

type AccountMethods =
  | 'system.info'
  | 'setup.createAdmin'
  | 'setup.loadDemo'
  | 'auth.register'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.keepAlive'
  | 'auth.requestPasswordReset'
  | 'auth.resetPassword'
  | 'session.me'
  | 'profile.setLanguage'
  | 'profile.changePassword';

const VERSION = '0.1.0';

export const accountHandlers: HandlerMap<AccountMethods> = {
  'system.info': query((ctx) => ({
    version: VERSION,
    setupRequired: !hasUsers(ctx.db),
    languages: ['en', 'fr', 'ar'],
    inactivitySeconds: ctx.deps.config.session.inactivitySeconds,
    promptSeconds: ctx.deps.config.session.promptSeconds,
    mailMode: ctx.deps.mailer.mode,
  })),

  // First run: the partner admin (PARTNER_ADMIN + POLICYMANAGER); there is no default password.
  // First run also creates the deployment's signing CA (MOSIP-signed partner certificates).
  'setup.createAdmin': command<'setup.createAdmin', { passwordHash: string; signingCa: NewSigningCa }>({
    module: 'accounts',
    actorName: (i) => i.username,
    async prepare(ctx, input) {
      if (hasUsers(ctx.db)) throw new AppError('PD_SETUP_001', 'Partner Desk is already set up; sign in instead.');
      checkUsername(input.username);
      normalizeEmail(input.email);
      checkPasswordStrength(input.password, input.username);
      const [passwordHash, signingCa] = await Promise.all([
        hashPassword(input.password, ctx.deps.randomBytes(16)),
        createSigningCa(ctx.deps, ctx.now, input.orgName),
      ]);
      return { passwordHash, signingCa };
    },
    apply(ctx, input, { passwordHash, signingCa }) {
      if (hasUsers(ctx.db)) throw new AppError('PD_SETUP_001', 'Partner Desk is already set up; sign in instead.');
      storeSigningCa(ctx.db, signingCa, ctx.now.toISOString());
      const email = normalizeEmail(input.email);
      insertUser(
        ctx.db,
        {
          id: input.username,
          email,
          firstName: input.firstName,
          lastName: input.lastName,
          orgName: input.orgName,
          passwordHash,
          lang: input.lang,
          roles: ['PARTNER_ADMIN', 'POLICYMANAGER'],
        },
        ctx.now.toISOString(),
      );
      ctx.changed('accounts');
      return {
        output: { ok: true },
        ref: { type: 'user', id: input.username },
        outbox: {
          username: input.username,
          email,
          firstName: input.firstName,
          lastName: input.lastName,
          orgName: input.orgName,
          lang: input.lang,
        },
      };
    },
  }),

  'setup.loadDemo': command<
    'setup.loadDemo',
    { password: string; hash: string; pki: DemoPki; chipCerts: Uint8Array[]; ida: DemoIda }
  >({
    module: 'demo',
    async prepare(ctx) {
      if (hasUsers(ctx.db)) throw new AppError('PD_SETUP_002', 'Demo data can only be loaded into an empty database.');
      // A fresh password per demo database, shown once: even demo installs have no default password.
      const password = `Demo-${ctx.deps.randomBytes(9).toString('base64url')}1!`;
      const [hash, pki] = await Promise.all([
        hashPassword(password, ctx.deps.randomBytes(16)),
        generateDemoPki(ctx.deps, ctx.now),
      ]);
      const [chipCerts, ida] = await Promise.all([
        generateDemoChipCertificates(ctx.deps, ctx.now, pki.ftmIssuer),
        generateDemoIda(ctx.deps, ctx.now, pki),
      ]);
      // The virtual SBI comes with the demo (issue 6); without it the rest of the demo still works.
      await ctx.deps.hardware
        .virtualControl({ action: 'start' })
        .catch((err: unknown) => ctx.deps.log('warn', 'demo: the virtual SBI did not start', err));
      // Its Auth captures encrypt to the demo ID service's IDA-FIR certificate (docs/id-service.md).
      const fir = ida.serviceKeys.find((k) => k.ref === 'IDA-FIR')!.der;
      if (ctx.deps.hardware.virtualRoots())
        await ctx.deps.hardware
          .virtualControl({ action: 'encryptionCert', certificate: fir })
          .catch((err: unknown) => ctx.deps.log('warn', 'demo: the virtual SBI kept its encryption certificate', err));
      return { password, hash, pki, chipCerts, ida };
    },
    apply(ctx, _input, prepared) {
      if (hasUsers(ctx.db)) throw new AppError('PD_SETUP_002', 'Demo data can only be loaded into an empty database.');
      const counts = seedDemo(ctx.db, prepared.hash, ctx.now);
      seedDemoPki(ctx.db, prepared.pki, ctx.now);
      seedDemoDevices(ctx.db, ctx.now, prepared.chipCerts);
      seedDemoIda(ctx.db, ctx.deps, prepared.ida, prepared.hash, ctx.now);
      seedDemoPortal(ctx.db, ctx.deps, ctx.now, counts.adminLogin);
      markDemoDatabase(ctx);
      if (ctx.deps.hardware.virtualRoots()) trustVirtualRoots(ctx);
      ctx.changed('accounts');
      return {
        output: { ...counts, password: prepared.password },
        ref: { type: 'demo', id: 'dataset' },
        outbox: false,
      };
    },
  }),

  'auth.register': command<'auth.register', string>({
    module: 'partners',
    actorName: (i) => i.username,
    async prepare(ctx, input) {
      checkUsername(input.username);
      partnerTypeOf(input.partnerType);
      const email = normalizeEmail(input.email);
      normalizePhone(input.phone);
      checkPasswordStrength(input.password, input.username);
      checkUnique(ctx.db, input.username, email);
      return hashPassword(input.password, ctx.deps.randomBytes(16));
    },
    apply(ctx, input, passwordHash) {
      const type = partnerTypeOf(input.partnerType);
      const email = normalizeEmail(input.email);
      const phone = normalizePhone(input.phone);
      checkUnique(ctx.db, input.username, email); // again inside the transaction: the check above raced
      const time = ctx.now.toISOString();
      insertUser(
        ctx.db,
        {
          id: input.username,
          email,
          firstName: input.firstName,
          lastName: input.lastName,
          orgName: input.orgName,
          passwordHash,
          lang: input.lang,
          roles: [type.role],
        },
        time,
      );
      insertPartner(
        ctx.db,
        {
          id: input.username,
          userId: input.username,
          type: type.code,
          orgName: input.orgName,
          address: input.address,
          phone,
          email,
          lang: input.lang,
        },
        time,
      );
      ctx.changed('partners');
      const { password: _secret, ...safe } = input;
      return {
        output: { partnerId: input.username, approvalStatus: 'InProgress' },
        ref: { type: 'partner', id: input.username },
        outbox: { ...safe, email, phone },
      };
    },
  }),

  ...loginHandlers,
  ...resetHandlers,

  'session.me': query((ctx) => loadProfile(ctx.db, requireActor(ctx.actor).userId)),

  'profile.setLanguage': command<'profile.setLanguage'>({
    module: 'accounts',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      ctx.db
        .prepare('UPDATE app_user SET lang_code = ?, updated_at = ? WHERE id = ?')
        .run(input.lang, ctx.now.toISOString(), actor.userId);
      return {
        output: loadProfile(ctx.db, actor.userId),
        ref: { type: 'user', id: actor.userId },
        outbox: { lang: input.lang },
      };
    },
  }),
};
