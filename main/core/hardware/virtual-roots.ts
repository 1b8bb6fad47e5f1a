import { AppError } from '../../contract/index.ts';
import type { CommandCtx, ReadDb } from '../context.ts';
import { uploadCaCertificates } from '../certificates/ca-upload.ts';
import { thumbprintOf } from '../../../lib/pki/index.ts';

/** Thumbprints in the trust store, so the virtual SBI panel can say whether its roots are trusted. */
export function virtualRootThumbprints(db: ReadDb): ReadonlySet<string> {
  const rows = db
    .prepare("SELECT domain || ':' || thumbprint AS k FROM ca_certificate WHERE domain IN ('DEVICE', 'FTM')")
    .all() as Array<{ k: string }>;
  return new Set(rows.map((r) => r.k));
}

const DEMO_SETTING = 'demo';

/** setup.loadDemo marks the database; the virtual roots are then trusted without asking. */
export function markDemoDatabase(ctx: CommandCtx): void {
  ctx.db
    .prepare("INSERT INTO app_setting (name, value) VALUES (?, 'true') ON CONFLICT (name) DO UPDATE SET value = 'true'")
    .run(DEMO_SETTING);
}

function isDemoDatabase(ctx: CommandCtx): boolean {
  return ctx.db.prepare('SELECT value FROM app_setting WHERE name = ?').pluck().get(DEMO_SETTING) === 'true';
}

/**
 * One action for the admin: the virtual device CA into DEVICE and the FTM root into FTM, through
 * the same checks as any trust-store upload, marked as virtual. Their private keys sit in this
 * desk's data directory, so whoever can read it could mint "trusted" devices: outside a demo
 * (a demo database, or a host started with --demo, which runs this as the system) the admin must
 * confirm. Roots already present are counted (and marked), not re-added.
 */
export function trustVirtualRoots(ctx: CommandCtx, input: { confirmTestRoots?: boolean | undefined } = {}) {
  const roots = ctx.deps.hardware.virtualRoots();
  if (!roots) throw new AppError('PD_HW_006', 'The virtual SBI is not running.');
  if (ctx.actor !== null && !isDemoDatabase(ctx) && input.confirmTestRoots !== true) {
    throw new AppError(
      'PD_TRUST_001',
      'These are test roots whose keys are kept on this desk; confirm to trust them outside a demo.',
    );
  }
  let added = 0;
  let alreadyPresent = 0;
  for (const [domain, der] of [
    ['DEVICE', roots.device],
    ['FTM', roots.ftm],
  ] as const) {
    const thumbprint = thumbprintOf(der);
    const known = ctx.db
      .prepare('SELECT 1 FROM ca_certificate WHERE domain = ? AND thumbprint = ?')
      .get(domain, thumbprint);
    if (known) alreadyPresent++;
    else {
      uploadCaCertificates(ctx, {
        partnerDomain: domain,
        fileName: `virtual-${domain.toLowerCase()}-root.cer`,
        contentBase64: Buffer.from(der).toString('base64'),
      });
      added++;
    }
    ctx.db
      .prepare('UPDATE ca_certificate SET is_virtual = 1 WHERE domain = ? AND thumbprint = ?')
      .run(domain, thumbprint);
  }
  // The virtual PKI is this machine's own: a desk joined to a server cannot hand its roots to the server.
  return {
    output: { added, alreadyPresent },
    outbox: { added, alreadyPresent, confirmed: input.confirmTestRoots === true },
    replay: false as const,
  };
}
