import { describe, expect, it } from 'vitest';
import { dbAt, plan } from '../../helpers/db.ts';
import { migrate } from '../../../main/store/db.ts';

const T = '2026-11-21T09:00:00.000Z';
const HEX = 'A'.repeat(64);

describe('migration 0180 id-service', () => {
  it('keeps one key per IDA reference, identities with their records, MISP licences and seen transaction ids', () => {
    const db = dbAt(170);
    migrate(db, 180);
    const key = db.prepare(
      "INSERT INTO ida_key (reference_id, certificate_der, thumbprint, wrapped_private_key, created_at) VALUES (?, x'00', ?, x'00', ?)",
    );
    key.run('PARTNER', HEX, T);
    expect(() => key.run('PARTNER', 'B'.repeat(64), T)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => key.run('OTHER', 'C'.repeat(64), T)).toThrow(/CHECK/);
    expect(() => key.run('SIGN', 'short', T)).toThrow(/CHECK/);

    const person = db.prepare(
      'INSERT INTO ida_identity (individual_id, id_type, demographics, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
    );
    person.run('5012345674', 'UIN', '{"fullName":"A"}', T, 'admin');
    expect(() => person.run('5012345679', 'PAN', '{}', T, 'admin')).toThrow(/CHECK/);
    expect(() => person.run('5012345670', 'UIN', '[1]', T, 'admin')).toThrow(/CHECK/);
    const bio = db.prepare(
      "INSERT INTO ida_biometric (individual_id, seq, bio_type, bio_sub_type, record_digest, wrapped_record) VALUES (?, ?, ?, 'UNKNOWN', ?, x'00')",
    );
    bio.run('5012345674', 0, 'Finger', 'a'.repeat(64));
    expect(() => bio.run('5012345674', 0, 'Iris', 'a'.repeat(64))).toThrow(/UNIQUE|PRIMARY/);
    expect(() => bio.run('nobody', 0, 'Finger', 'a'.repeat(64))).toThrow(/FOREIGN KEY/);
    expect(() => bio.run('5012345674', 1, 'Palm', 'a'.repeat(64))).toThrow(/CHECK/);
    db.prepare("DELETE FROM ida_identity WHERE individual_id = '5012345674'").run();
    expect(db.prepare('SELECT COUNT(*) FROM ida_biometric').pluck().get()).toBe(0);
    expect(plan(db, 'SELECT * FROM ida_biometric WHERE individual_id = ? ORDER BY seq', 'x')).toMatch(
      /sqlite_autoindex_ida_biometric_1/,
    );

    const licence = db.prepare(
      'INSERT INTO ida_misp_license (license_hash, misp_partner_id, is_active, valid_from, valid_to, created_at) VALUES (?, ?, 1, ?, ?, ?)',
    );
    licence.run('a'.repeat(64), 'kiosk', T, T, T);
    expect(() => licence.run('a'.repeat(64), 'kiosk', T, T, T)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => licence.run('short', 'kiosk', T, T, T)).toThrow(/CHECK/);

    const seen = db.prepare('INSERT INTO ida_transaction (partner_id, transaction_id, seen_at) VALUES (?, ?, ?)');
    seen.run('p1', 'TXN0000001', T);
    expect(() => seen.run('p1', 'TXN0000001', T)).toThrow(/UNIQUE|PRIMARY/);
    seen.run('p2', 'TXN0000001', T);
    expect(plan(db, 'DELETE FROM ida_transaction WHERE seen_at < ?', T)).toMatch(/ida_transaction_by_time/);
  });
});
