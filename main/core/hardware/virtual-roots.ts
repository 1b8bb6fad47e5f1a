import { AppError } from '../../contract/index.ts';
import type { CommandCtx, ReadDb } from '../context.ts';
import { uploadCaCertificates } from '../certificates/ca-upload.ts';
import { thumbprintOf } from '../pki/index.ts';

/** Thumbprints in the trust store, so the virtual SBI panel can say whether its roots are trusted. */
export function virtualRootThumbprints(db: ReadDb): ReadonlySet<string> {
  const rows = db.prepare("SELECT domain || ':' || thumbprint AS k FROM ca_certificate WHERE domain IN ('DEVICE', 'FTM')").all() as Array<{ k: string }>;
  return new Set(rows.map((r) => r.k));
}

/**
 * One action for the admin: the virtual device CA into DEVICE and the FTM root into FTM, through
 * the same checks as any trust-store upload. Roots already present are counted, not re-added.
 */
export function trustVirtualRoots(ctx: CommandCtx) {
  const roots = ctx.deps.hardware.virtualRoots();
  if (!roots) throw new AppError('PD_HW_006', 'The virtual SBI is not running.');
  let added = 0;
  let alreadyPresent = 0;
  for (const [domain, der] of [['DEVICE', roots.device], ['FTM', roots.ftm]] as const) {
    const known = ctx.db.prepare('SELECT 1 FROM ca_certificate WHERE domain = ? AND thumbprint = ?').get(domain, thumbprintOf(der));
    if (known) {
      alreadyPresent++;
      continue;
    }
    uploadCaCertificates(ctx, { partnerDomain: domain, fileName: `virtual-${domain.toLowerCase()}-root.cer`, contentBase64: Buffer.from(der).toString('base64') });
    added++;
  }
  // The virtual PKI is this machine's own: a desk joined to a server cannot hand its roots to the server.
  return { output: { added, alreadyPresent }, outbox: { added, alreadyPresent }, replay: false as const };
}
