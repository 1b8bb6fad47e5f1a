import { AppError } from '../../contract/index.ts';
import type { ParsedInput } from '../../contract/index.ts';
import type { QueryCtx } from '../context.ts';
import { requireActor } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { toPem } from '../certificates/decode.ts';
import { detailsOf } from '../certificates/details.ts';
import { likeContains } from '../lists/paging.ts';
import { Where, listPage } from '../lists/sort.ts';
import type { SortTerms } from '../lists/sort.ts';
import { partnerScope } from '../partners/access.ts';
import { createFtm, deactivateFtm, decideFtm, uploadFtmCertificate } from './commands.ts';
import { FTM_COLUMNS, ftmRow, ownFtm } from './rows.ts';
import type { FtmDb } from './rows.ts';

type FtmMethods =
  | 'ftm.create'
  | 'ftm.list'
  | 'ftm.get'
  | 'ftm.uploadCertificate'
  | 'ftm.downloadCertificate'
  | 'ftm.decide'
  | 'ftm.deactivate';

const SORTS: SortTerms = {
  ftmId: ['f.id'],
  partnerId: ['f.foundational_trust_provider_id', 'f.created_at', 'f.id'],
  orgName: ['f.partner_org_name', 'f.id'],
  make: ['f.make', 'f.id'],
  model: ['f.model', 'f.id'],
  status: ['f.status', 'f.created_at', 'f.id'],
  createdDateTime: ['f.created_at', 'f.id'],
  certificateUploadDateTime: ['f.cert_uploaded_at', 'f.id'],
  certificateExpiryDateTime: ['f.cert_not_after', 'f.id'],
};

function listFtm(ctx: QueryCtx, input: ParsedInput<'ftm.list'>) {
  const actor = requireActor(ctx.actor);
  const page = listPage(input, SORTS, 'createdDateTime', 'desc');
  const w = new Where();
  const scope = partnerScope(actor);
  const pw = new Where();
  if (input.partnerId) pw.add("id LIKE ? ESCAPE '\\'", likeContains(input.partnerId));
  if (input.orgName) pw.add("name LIKE ? ESCAPE '\\'", likeContains(input.orgName));
  if (pw.parts.length) {
    if (scope) pw.in('id', scope);
    w.in(
      'f.foundational_trust_provider_id',
      ctx.db
        .prepare(`SELECT id FROM partner ${pw.sql}`)
        .pluck()
        .all(...pw.params) as string[],
    );
  } else if (scope) w.in('f.foundational_trust_provider_id', scope);
  if (input.ftmId) w.add("f.id LIKE ? ESCAPE '\\'", likeContains(input.ftmId));
  if (input.make) w.add("f.make LIKE ? ESCAPE '\\'", likeContains(input.make));
  if (input.model) w.add("f.model LIKE ? ESCAPE '\\'", likeContains(input.model));
  if (input.status) w.add('f.status = ?', input.status);
  if (input.expiryPeriod)
    w.add(
      'f.cert_not_after BETWEEN ? AND ?',
      ctx.now.toISOString(),
      new Date(ctx.now.getTime() + input.expiryPeriod * 86_400_000).toISOString(),
    );
  const totalResults =
    w.parts.length === 0
      ? (ctx.db
          .prepare("SELECT COALESCE(SUM(n), 0) FROM list_count WHERE tbl = 'ftp_chip_detail'")
          .pluck()
          .get() as number)
      : (ctx.db
          .prepare(`SELECT COUNT(*) FROM ftp_chip_detail f ${w.sql}`)
          .pluck()
          .get(...w.params) as number);
  const rows = ctx.db
    .prepare(`SELECT ${FTM_COLUMNS} FROM ftp_chip_detail f ${w.sql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`)
    .all(...w.params, page.limit, page.offset) as FtmDb[];
  return {
    pageNo: input.pageNo,
    pageSize: input.pageSize,
    totalResults,
    data: rows.map((r) => ftmRow(r, ctx.now)),
  };
}

function certificateOf(ctx: QueryCtx, ftmId: string): Uint8Array | null {
  const row = ctx.db.prepare('SELECT certificate_der FROM ftp_chip_detail WHERE id = ?').get(ftmId) as
    { certificate_der: Buffer | null } | undefined;
  return row?.certificate_der ? new Uint8Array(row.certificate_der) : null;
}

export const ftmHandlers: HandlerMap<FtmMethods> = {
  'ftm.create': command<'ftm.create'>({ module: 'ftm', apply: createFtm }),
  'ftm.list': query(listFtm),
  'ftm.get': query((ctx, input) => {
    const f = ownFtm(ctx.db, requireActor(ctx.actor), input.ftmId);
    const der = certificateOf(ctx, f.id);
    return {
      ...ftmRow(f, ctx.now),
      updatedDateTime: f.updated_at,
      certificate: der ? detailsOf(der) : null,
    };
  }),
  'ftm.uploadCertificate': command<'ftm.uploadCertificate'>({
    module: 'ftm',
    apply: uploadFtmCertificate,
  }),
  'ftm.downloadCertificate': query((ctx, input) => {
    const f = ownFtm(ctx.db, requireActor(ctx.actor), input.ftmId);
    if (f.status === 'deactivated')
      throw new AppError('PMS_FTM_ERROR_009', 'The certificate of a deactivated FTM chip cannot be downloaded.');
    const der = certificateOf(ctx, f.id);
    if (!der) throw new AppError('PMP_AUT_033', 'The chip certificate has not been uploaded.');
    if (f.status !== 'approved' && f.status !== 'pending_approval')
      throw new AppError(
        'PMS_FTM_ERROR_008',
        'The certificate can only be downloaded for a chip pending approval or approved.',
      );
    if (f.cert_not_after !== null && f.cert_not_after < ctx.now.toISOString())
      throw new AppError('PD_CERT_001', 'Certificate has expired. Please upload a valid certificate.');
    return {
      fileName: `ftm-${f.id}.pem`,
      mimeType: 'application/x-pem-file',
      contentBase64: Buffer.from(toPem(der)).toString('base64'),
    };
  }),
  'ftm.decide': command<'ftm.decide'>({ module: 'ftm', apply: decideFtm }),
  'ftm.deactivate': command<'ftm.deactivate'>({ module: 'ftm', apply: deactivateFtm }),
};
