import { describe, expect, it } from 'vitest';
import { dbAt, plan } from '../../helpers/db.ts';

describe('migration 0050 certificates', () => {
  it('creates the trust store, partner certificates and signing key tables', () => {
    const db = dbAt(50);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>
    ).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['ca_certificate', 'partner_certificate', 'signing_key']));
    expect(() =>
      db
        .prepare(
          "INSERT INTO ca_certificate (id, domain, ca_type, thumbprint, der, subject, issuer, issued_to, issued_by, serial, not_before, not_after, uploaded_at, uploaded_by) VALUES ('a','MISP','ROOT','t',x'00','s','i','t','b','1','n','a','u','x')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO ca_certificate (id, domain, ca_type, thumbprint, der, subject, issuer, issued_to, issued_by, serial, not_before, not_after, uploaded_at, uploaded_by) VALUES ('a','AUTH','ROOT','t',x'00','s','i','t','b','1','n','a','u','x')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO ca_certificate (id, domain, ca_type, thumbprint, der, subject, issuer, issued_to, issued_by, serial, not_before, not_after, uploaded_at, uploaded_by) VALUES ('b','AUTH','ROOT','t',x'00','s','i','t','b','1','n','a','u','x')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO signing_key (purpose, certificate_der, wrapped_private_key, created_at) VALUES ('other', x'00', x'00', 't')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('serves the trust store lists, filters and expiry badges from indexes', () => {
    const db = dbAt(50);
    expect(
      plan(db, 'SELECT * FROM ca_certificate WHERE ca_type = ? ORDER BY uploaded_at DESC LIMIT 8', 'ROOT'),
    ).toMatch(/USING INDEX ca_type_uploaded \(ca_type=\?\)/);
    expect(
      plan(
        db,
        'SELECT * FROM ca_certificate WHERE ca_type = ? AND domain = ? ORDER BY uploaded_at DESC LIMIT 8',
        'ROOT',
        'AUTH',
      ),
    ).toMatch(/USING INDEX ca_type_domain_uploaded \(ca_type=\? AND domain=\?\)/);
    expect(
      plan(db, "SELECT COUNT(*) FROM ca_certificate WHERE ca_type = 'ROOT' AND not_after BETWEEN ? AND ?", 'a', 'b'),
    ).toMatch(/USING COVERING INDEX ca_type_not_after \(ca_type=\? AND not_after>\? AND not_after<\?\)/);
    expect(plan(db, 'SELECT id FROM ca_certificate WHERE domain = ? AND thumbprint = ?', 'AUTH', 't')).toMatch(
      /sqlite_autoindex_ca_certificate/,
    );
    expect(
      plan(
        db,
        'SELECT COUNT(*) FROM partner_certificate WHERE partner_id IN (?, ?) AND mosip_not_after BETWEEN ? AND ?',
        'a',
        'b',
        'c',
        'd',
      ),
    ).toMatch(/USING INDEX sqlite_autoindex_partner_certificate_1|PRIMARY KEY|partner_certificate_expiry/);
  });
});
