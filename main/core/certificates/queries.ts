import { AppError } from '../../contract/index.ts';
import type { Output, ParsedInput } from '../../contract/index.ts';
import { validateCertificatePath } from '../../../lib/pki/index.ts';
import type { PartnerDomain } from '../../../lib/pki/index.ts';
import type { QueryCtx } from '../context.ts';
import { likeContains, pageClause } from '../lists/paging.ts';
import { p7bPem, toPem } from './decode.ts';
import { detailsOf, identityOf } from './details.ts';
import { trustStoreOf } from './trust.ts';

type Row = Output<'trustStore.list'>['data'][number];
interface DbRow {
  id: string;
  ca_type: 'ROOT' | 'INTERMEDIATE';
  domain: PartnerDomain;
  issued_to: string;
  issued_by: string;
  not_before: string;
  not_after: string;
  uploaded_at: string;
  thumbprint: string;
  der: Buffer;
  warnings: string;
  is_virtual: number;
}

// MOSIP's sort aliases for trust certificates (pms.md §2.2).
const SORT: Record<string, string> = {
  caCertificateType: 'ca_type',
  certificateId: 'id',
  partnerDomain: 'domain',
  issuedTo: 'issued_to',
  issuedBy: 'issued_by',
  validFrom: 'not_before',
  validTill: 'not_after',
  uploadedDateTime: 'uploaded_at',
};
const DAY_MS = 86_400_000;

function toRow(r: DbRow, now: Date): Row {
  const t = now.getTime();
  return {
    certificateId: r.id,
    caCertificateType: r.ca_type,
    partnerDomain: r.domain,
    issuedTo: r.issued_to,
    issuedBy: r.issued_by,
    validFrom: r.not_before,
    validTill: r.not_after,
    uploadedDateTime: r.uploaded_at,
    status: Date.parse(r.not_before) <= t && t <= Date.parse(r.not_after),
    thumbprint: r.thumbprint,
    isVirtual: r.is_virtual === 1,
  };
}

export function listTrustCertificates(ctx: QueryCtx, input: ParsedInput<'trustStore.list'>): Output<'trustStore.list'> {
  const page = pageClause(input, SORT, 'uploadedDateTime');
  const where = ['ca_type = ?'];
  const params: Array<string> = [input.caCertificateType];
  const add = (sql: string, value: string) => {
    where.push(sql);
    params.push(value);
  };
  if (input.partnerDomain) add('domain = ?', input.partnerDomain);
  if (input.certificateId) add("lower(id) LIKE ? ESCAPE '\\'", likeContains(input.certificateId));
  if (input.issuedTo) add("lower(issued_to) LIKE ? ESCAPE '\\'", likeContains(input.issuedTo));
  if (input.issuedBy) add("lower(issued_by) LIKE ? ESCAPE '\\'", likeContains(input.issuedBy));
  if (input.expiryPeriod) {
    add('not_after >= ?', ctx.now.toISOString());
    add('not_after <= ?', new Date(ctx.now.getTime() + input.expiryPeriod * DAY_MS).toISOString());
  }
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const total = ctx.db.prepare(`SELECT COUNT(*) AS n FROM ca_certificate ${whereSql}`).get(...params) as { n: number };
  const rows = ctx.db
    .prepare(
      `SELECT id, ca_type, domain, issued_to, issued_by, not_before, not_after, uploaded_at, thumbprint, is_virtual FROM ca_certificate ${whereSql} ORDER BY ${page.orderBy}, id LIMIT ? OFFSET ?`,
    )
    .all(...params, page.limit, page.offset) as DbRow[];
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults: total.n,
    data: rows.map((r) => toRow(r, ctx.now)),
  };
}

function loadCa(ctx: QueryCtx, id: string): DbRow {
  const row = ctx.db.prepare('SELECT * FROM ca_certificate WHERE id = ?').get(id) as DbRow | undefined;
  if (!row) throw new AppError('KER-PCM-012', `No CA certificate with id ${id}.`);
  return row;
}

/** The path from a CA certificate to its root, as the validator builds it at this moment. */
function chainOf(ctx: QueryCtx, row: DbRow) {
  const verdict = validateCertificatePath({
    leaf: new Uint8Array(row.der),
    domain: row.domain,
    trust: trustStoreOf(ctx.db),
    at: ctx.now,
    options: { allowSelfSignedLeaf: true },
  });
  const profile = verdict.profile;
  if (!verdict.ok)
    return {
      profile,
      chainWarnings: [],
      chain: [],
      chainError: { code: verdict.code, message: verdict.message },
      ders: [new Uint8Array(row.der)],
    };
  // Guard against a path that repeats a certificate (a root seen as leaf and anchor).
  const path = verdict.path.filter((p, i) => i === 0 || p.thumbprint !== verdict.path[i - 1]!.thumbprint);
  return {
    profile,
    chainWarnings: verdict.warnings,
    // Names printed the same way as in the details (CN first), not in the engine's RFC 4514 order.
    chain: path.map((p) => {
      const who = identityOf(p.der);
      return {
        subject: who.subject,
        issuer: who.issuer,
        thumbprint: p.thumbprint,
        notBefore: p.notBefore,
        notAfter: p.notAfter,
        role: p.role,
      };
    }),
    chainError: null,
    ders: path.map((p) => p.der),
  };
}

export function trustCertificateDetail(
  ctx: QueryCtx,
  input: ParsedInput<'trustStore.detail'>,
): Output<'trustStore.detail'> {
  const row = loadCa(ctx, input.certificateId);
  const { chain, chainError, profile, chainWarnings } = chainOf(ctx, row);
  return {
    row: toRow(row, ctx.now),
    details: detailsOf(new Uint8Array(row.der)),
    warnings: JSON.parse(row.warnings) as string[],
    profile,
    chainWarnings,
    chain,
    chainError,
  };
}

export function downloadTrustCertificate(
  ctx: QueryCtx,
  input: ParsedInput<'trustStore.download'>,
): Output<'trustStore.download'> {
  const row = loadCa(ctx, input.certificateId);
  const base = `${row.domain}-${row.ca_type.toLowerCase()}-${row.id.slice(0, 8)}`;
  if (input.kind === 'certificate')
    return {
      fileName: `${base}.pem`,
      mimeType: 'application/x-pem-file',
      contentBase64: Buffer.from(toPem(new Uint8Array(row.der))).toString('base64'),
    };
  // MOSIP downloads an intermediate with its trust path, as a P7B bundle.
  const { ders, chainError } = chainOf(ctx, row);
  if (chainError) throw new AppError('KER-PCM-006', `The chain cannot be built now: ${chainError.message}`);
  return {
    fileName: `${base}-chain.p7b`,
    mimeType: 'application/x-pkcs7-certificates',
    contentBase64: Buffer.from(p7bPem(ders)).toString('base64'),
  };
}
