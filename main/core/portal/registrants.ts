import type { ParsedInput } from '../../contract/index.ts';
import type { CommandCtx, QueryCtx, ReadDb, WriteDb } from '../context.ts';
import { requireActor } from '../context.ts';
import { registrantOf } from './applications.ts';
import type { PortalOidcConfig } from './config.ts';

type Db = ReadDb | WriteDb;

interface DemographicDb {
  registrant_id: string;
  id_type: string;
  id_value: string;
  version: number;
  name: string;
  data_json: string;
  created_at: string;
}

export function loadRegistrant(db: Db, registrantId: string) {
  const r = db
    .prepare(
      `SELECT r.id AS registrant_id, r.id_type, r.id_value, d.version, d.name, d.data_json, d.created_at
       FROM registrant r JOIN registrant_demographic d ON d.registrant_id = r.id WHERE r.id = ? ORDER BY d.version DESC LIMIT 1`,
    )
    .get(registrantId) as DemographicDb;
  return {
    registrantId: r.registrant_id,
    idType: r.id_type,
    idValue: r.id_value,
    name: r.name,
    demographics: JSON.parse(r.data_json) as Record<string, unknown>,
    version: r.version,
    updatedDateTime: r.created_at,
  };
}

/** The claims a deployment maps (form key → claim) as the demographic record's fields. */
export function mapClaims(cfg: PortalOidcConfig, claims: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, claim] of Object.entries(cfg.claimMapping)) {
    const v = claims[claim];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[field] = v;
    // e-Signet's address is the OIDC address object; its formatted line is what a form field holds.
    else if (v && typeof v === 'object' && 'formatted' in v && typeof v.formatted === 'string')
      out[field] = v.formatted;
  }
  return out;
}

/** Appends a version of the demographic record. */
export function writeDemographics(
  db: WriteDb,
  registrantId: string,
  name: string,
  data: Record<string, unknown>,
  source: 'sign-in' | 'applicant' | 'submission',
  actor: string,
  time: string,
): number {
  const version =
    ((db
      .prepare('SELECT MAX(version) FROM registrant_demographic WHERE registrant_id = ?')
      .pluck()
      .get(registrantId) as number | null) ?? 0) + 1;
  db.prepare(
    'INSERT INTO registrant_demographic (registrant_id, version, name, data_json, source, cr_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(registrantId, version, name, JSON.stringify(data), source, actor, time);
  db.prepare('UPDATE registrant SET name = ? WHERE id = ?').run(name, registrantId);
  return version;
}

export function myProfile(ctx: QueryCtx) {
  return loadRegistrant(ctx.db, registrantOf(ctx.db, requireActor(ctx.actor)));
}

/** A new version of the record, audited through the command path (the ID it was found by stays). */
export function updateProfile(ctx: CommandCtx, input: ParsedInput<'portal.updateProfile'>) {
  const actor = requireActor(ctx.actor);
  const registrantId = registrantOf(ctx.db, actor);
  const version = writeDemographics(
    ctx.db,
    registrantId,
    input.name,
    input.demographics,
    'applicant',
    actor.userId,
    ctx.now.toISOString(),
  );
  ctx.changed('applications');
  return {
    output: loadRegistrant(ctx.db, registrantId),
    ref: { type: 'registrant' as const, id: registrantId },
    outbox: { registrantId, version },
  };
}
