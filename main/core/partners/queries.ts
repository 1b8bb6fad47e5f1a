import type { z } from 'zod';
import type { AdminPartnerDetail, AdminPartnerRow, MyPartner, PartnerStatus } from '../../contract/methods/partners.ts';
import type { PartnerTypeCode } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { loadPartner, policyRequired } from './access.ts';

type Db = ReadDb | WriteDb;

export function partnerStatus(
  approval: 'InProgress' | 'approved' | 'rejected',
  active: number,
): z.infer<typeof PartnerStatus> {
  if (approval === 'approved') return active === 1 ? 'activated' : 'deactivated';
  return approval;
}

/** SQL for a status filter value, the inverse of partnerStatus. */
export function partnerStatusSql(status: z.infer<typeof PartnerStatus>): string {
  switch (status) {
    case 'activated':
      return "p.approval_status = 'approved' AND p.is_active = 1";
    case 'deactivated':
      return "p.approval_status = 'approved' AND p.is_active = 0";
    default:
      return `p.approval_status = '${status}'`;
  }
}

export const ADMIN_ROW_COLUMNS = `p.id, p.partner_type_code, p.name, p.policy_group_id, g.name AS group_name, p.email_id,
  p.certificate_alias IS NOT NULL AS has_cert, p.approval_status, p.is_active, p.created_at`;

export interface AdminRow {
  id: string;
  partner_type_code: PartnerTypeCode;
  name: string;
  policy_group_id: string | null;
  group_name: string | null;
  email_id: string;
  has_cert: number;
  approval_status: 'InProgress' | 'approved' | 'rejected';
  is_active: number;
  created_at: string;
}

export function adminRowOut(r: AdminRow): z.infer<typeof AdminPartnerRow> {
  return {
    partnerId: r.id,
    partnerType: r.partner_type_code,
    orgName: r.name,
    policyGroupId: r.policy_group_id,
    policyGroupName: r.group_name,
    emailAddress: r.email_id,
    certificateUploadStatus: r.has_cert === 1 ? 'uploaded' : 'not_uploaded',
    status: partnerStatus(r.approval_status, r.is_active),
    isActive: r.is_active === 1,
    createdDateTime: r.created_at,
  };
}

export function adminPartnerDetail(db: Db, partnerId: string, now: Date): z.infer<typeof AdminPartnerDetail> {
  const p = loadPartner(db, partnerId);
  const row = db
    .prepare(
      `SELECT ${ADMIN_ROW_COLUMNS} FROM partner p LEFT JOIN policy_group g ON g.id = p.policy_group_id WHERE p.id = ?`,
    )
    .get(p.id) as AdminRow;
  const user = db.prepare('SELECT first_name, last_name FROM app_user WHERE id = ?').get(p.user_id) as
    { first_name: string; last_name: string } | undefined;
  const group = p.policy_group_id
    ? (db.prepare('SELECT descr FROM policy_group WHERE id = ?').get(p.policy_group_id) as
        { descr: string } | undefined)
    : undefined;
  const links = db
    .prepare(
      `SELECT COALESCE(SUM(status_code = 'InProgress'), 0) AS pending, COALESCE(SUM(status_code = 'approved'), 0) AS approved
       FROM partner_policy_request WHERE part_id = ?`,
    )
    .get(p.id) as { pending: number; approved: number };
  const keys = db
    .prepare('SELECT COUNT(*) AS n FROM partner_policy WHERE part_id = ? AND is_active = 1 AND valid_to > ?')
    .get(p.id, now.toISOString()) as { n: number };
  const clients = db
    .prepare("SELECT COUNT(*) AS n FROM oidc_client WHERE rp_id = ? AND status = 'ACTIVE'")
    .get(p.id) as { n: number };
  return {
    ...adminRowOut(row),
    firstName: user?.first_name ?? '',
    lastName: user?.last_name ?? '',
    approvalStatus: p.approval_status,
    contactNumber: p.contact_no,
    address: p.address,
    policyGroupDescription: group?.descr ?? null,
    isCertificateAvailable: p.certificate_alias !== null,
    counts: {
      pendingRequests: links.pending,
      approvedPolicies: links.approved,
      activeApiKeys: keys.n,
      activeOidcClients: clients.n,
    },
  };
}

interface MineRow {
  id: string;
  partner_type_code: PartnerTypeCode;
  name: string;
  approval_status: 'InProgress' | 'approved' | 'rejected';
  is_active: number;
  certificate_alias: string | null;
  policy_group_id: string | null;
  group_name: string | null;
  group_descr: string | null;
  open_links: number;
}

/** The caller's partners (MOSIP GET /partners/v3), optionally only approved ones / ones with a group. */
export function myPartners(
  db: Db,
  partnerIds: readonly string[],
  filter: { status?: string | undefined; policyGroupAvailable?: boolean | undefined } = {},
): Array<z.infer<typeof MyPartner>> {
  if (partnerIds.length === 0) return [];
  const params: unknown[] = [...partnerIds];
  let where = `p.id IN (${partnerIds.map(() => '?').join(', ')})`;
  if (filter.status) {
    where += ' AND p.approval_status = ?';
    params.push(filter.status);
  }
  if (filter.policyGroupAvailable !== undefined)
    where += filter.policyGroupAvailable ? ' AND p.policy_group_id IS NOT NULL' : ' AND p.policy_group_id IS NULL';
  const rows = db
    .prepare(
      `SELECT p.id, p.partner_type_code, p.name, p.approval_status, p.is_active, p.certificate_alias, p.policy_group_id,
         g.name AS group_name, g.descr AS group_descr,
         (SELECT COUNT(*) FROM partner_policy_request r WHERE r.part_id = p.id AND r.status_code IN ('InProgress', 'approved')) AS open_links
       FROM partner p LEFT JOIN policy_group g ON g.id = p.policy_group_id WHERE ${where} ORDER BY p.id`,
    )
    .all(...params) as MineRow[];
  return rows.map((r) => {
    const required = policyRequired(r.partner_type_code);
    return {
      partnerId: r.id,
      partnerType: r.partner_type_code,
      orgName: r.name,
      approvalStatus: r.approval_status,
      isActive: r.is_active === 1,
      certificateUploaded: r.certificate_alias !== null,
      policyRequired: required,
      policyGroupId: r.policy_group_id,
      policyGroupName: r.group_name,
      policyGroupDescription: r.group_descr,
      canSelectPolicyGroup: required && r.is_active === 0 && r.open_links === 0,
    };
  });
}
