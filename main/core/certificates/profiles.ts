import { DEFAULT_TRUST_PROFILE, PARTNER_DOMAINS } from '../../contract/index.ts';
import type { Input, Output } from '../../contract/index.ts';
import type { CommandCtx, QueryCtx } from '../context.ts';
import type { PartnerDomain, TrustProfile } from '../../../lib/pki/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';

type DomainProfile = Output<'trustStore.setProfile'>;
interface Row {
  domain: PartnerDomain;
  profile: TrustProfile;
  updated_at: string;
  updated_by: string;
}

const toProfile = (domain: PartnerDomain, row: Row | undefined): DomainProfile =>
  row
    ? {
        partnerDomain: domain,
        profile: row.profile,
        isSet: true,
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      }
    : {
        partnerDomain: domain,
        profile: DEFAULT_TRUST_PROFILE,
        isSet: false,
        updatedAt: null,
        updatedBy: null,
      };

/** The trust profile a domain validates with now (migration 0100; default keymanager). */
export function profileOf(db: ReadDb | WriteDb, domain: PartnerDomain): TrustProfile {
  const row = db.prepare('SELECT profile FROM trust_profile WHERE domain = ?').get(domain) as
    { profile: TrustProfile } | undefined;
  return row?.profile ?? DEFAULT_TRUST_PROFILE;
}

export function listProfiles(ctx: QueryCtx): Output<'trustStore.profiles'> {
  const rows = new Map(
    (ctx.db.prepare('SELECT domain, profile, updated_at, updated_by FROM trust_profile').all() as Row[]).map((r) => [
      r.domain,
      r,
    ]),
  );
  return { profiles: PARTNER_DOMAINS.map((d) => toProfile(d, rows.get(d))) };
}

/** The admin sets a domain's profile; it applies to every validation from the next one on (uploads, devices, chips, CLI). */
export function setProfile(ctx: CommandCtx, input: Input<'trustStore.setProfile'>) {
  const time = ctx.now.toISOString();
  const by = ctx.actor?.userId ?? 'system';
  ctx.db
    .prepare(
      `INSERT INTO trust_profile (domain, profile, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (domain) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(input.partnerDomain, input.profile, time, by);
  ctx.changed('trustStore');
  const output = toProfile(input.partnerDomain, {
    domain: input.partnerDomain,
    profile: input.profile,
    updated_at: time,
    updated_by: by,
  });
  // A desk setting, not a MOSIP change: audited, nothing to sync.
  return {
    output,
    ref: { type: 'trust_profile' as const, id: input.partnerDomain },
    outbox: false as const,
  };
}
