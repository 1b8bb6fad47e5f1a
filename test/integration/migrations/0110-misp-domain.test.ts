import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/db.ts';
import { dbAt, plan } from '../../helpers/db.ts';

const T = '2026-01-01T00:00:00.000Z';
const CA =
  "INSERT INTO ca_certificate (id, domain, ca_type, thumbprint, der, subject, issuer, issued_to, issued_by, serial, not_before, not_after, uploaded_at, uploaded_by) VALUES (?, ?, 'ROOT', ?, x'00', 's', 'i', 't', 'b', '1', 'n', 'a', 'u', 'x')";
const CERT = `INSERT INTO partner_certificate (partner_id, certificate_id, domain, thumbprint, ca_signed_der, mosip_signed_der, issued_to, issued_by, ca_not_before, ca_not_after,
  mosip_not_before, mosip_not_after, uploaded_at, uploaded_by, warnings) VALUES (?, ?, ?, 't', x'01', x'02', 'to', 'by', 'a', 'b', 'c', 'd', 'e', 'f', '["PD_PKI_W01"]')`;

function seedPartner(db: ReturnType<typeof dbAt>, id: string): void {
  db.prepare(
    "INSERT INTO app_user (id, email, first_name, last_name, org_name, password_hash, lang_code, created_at, updated_at) VALUES (?, ?, 'a', 'b', 'o', 'h', 'en', ?, ?)",
  ).run(id, `${id}@x`, T, T);
  db.prepare(
    "INSERT INTO partner (id, user_id, partner_type_code, name, address, contact_no, email_id, approval_status, is_active, lang_code, created_at, updated_at) VALUES (?, ?, 'MISP_Partner', 'Org', 'a', '1', 'e', 'approved', 1, 'en', ?, ?)",
  ).run(id, id, T, T);
}

describe('migration 0110 MISP domain', () => {
  it('keeps every trust-store and partner-certificate row and then takes MISP, nothing else', () => {
    const db = dbAt(100);
    seedPartner(db, 'p1');
    db.prepare(CA).run('ca1', 'AUTH', 't1');
    db.prepare(CA).run('ca2', 'FTM', 't2');
    db.prepare('UPDATE ca_certificate SET is_virtual = 1 WHERE id = ?').run('ca2'); // a virtual test root keeps its mark
    db.prepare(CERT).run('p1', 'c1', 'AUTH');
    expect(() => db.prepare(CA).run('ca3', 'MISP', 't3')).toThrow(/CHECK/);
    const before = {
      cas: db.prepare('SELECT * FROM ca_certificate ORDER BY id').all(),
      certs: db.prepare('SELECT * FROM partner_certificate').all(),
    };

    migrate(db, 110);
    expect(db.pragma('user_version', { simple: true })).toBe(110);
    expect(db.prepare('SELECT * FROM ca_certificate ORDER BY id').all()).toEqual(before.cas);
    // a MISP partner's earlier certificate stays in the domain it was validated in
    expect(db.prepare('SELECT * FROM partner_certificate').all()).toEqual(before.certs);
    db.prepare(CA).run('ca3', 'MISP', 't3');
    seedPartner(db, 'p2');
    db.prepare(CERT).run('p2', 'c2', 'MISP');
    expect(() => db.prepare(CA).run('ca4', 'OTHER', 't4')).toThrow(/CHECK/);
    expect(() => db.prepare(CA).run('ca5', 'misp', 't5')).toThrow(/CHECK/);
    expect(() => db.prepare(CA).run('ca6', 'MISP', 't3')).toThrow(/UNIQUE/);
    expect(() => db.prepare(CERT).run('ghost', 'c3', 'MISP')).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('rebuilds the indexes the trust-store lists and expiry badges use', () => {
    const db = dbAt(110);
    expect(
      plan(db, 'SELECT * FROM ca_certificate WHERE ca_type = ? ORDER BY uploaded_at DESC LIMIT 8', 'ROOT'),
    ).toMatch(/USING INDEX ca_type_uploaded \(ca_type=\?\)/);
    expect(
      plan(
        db,
        'SELECT * FROM ca_certificate WHERE ca_type = ? AND domain = ? ORDER BY uploaded_at DESC LIMIT 8',
        'ROOT',
        'MISP',
      ),
    ).toMatch(/USING INDEX ca_type_domain_uploaded \(ca_type=\? AND domain=\?\)/);
    expect(
      plan(db, "SELECT COUNT(*) FROM ca_certificate WHERE ca_type = 'ROOT' AND not_after BETWEEN ? AND ?", 'a', 'b'),
    ).toMatch(/USING COVERING INDEX ca_type_not_after/);
    expect(plan(db, 'SELECT id FROM ca_certificate WHERE domain = ? AND thumbprint = ?', 'MISP', 't')).toMatch(
      /sqlite_autoindex_ca_certificate/,
    );
    expect(
      plan(db, 'SELECT COUNT(*) FROM partner_certificate WHERE mosip_not_after BETWEEN ? AND ?', 'c', 'd'),
    ).toMatch(/partner_certificate_expiry/);
    const names = db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%_new'").all();
    expect(names).toEqual([]);
  });
});
