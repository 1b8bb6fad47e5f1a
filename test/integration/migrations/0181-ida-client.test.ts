import { describe, expect, it } from 'vitest';
import { dbAt } from '../../helpers/db.ts';
import { migrate } from '../../../main/store/db.ts';

const T = '2026-11-21T09:00:00.000Z';

describe('migration 0181 ida-client', () => {
  it('holds one client setting, with a bounded timeout', () => {
    const db = dbAt(180);
    migrate(db, 181);
    const put = db.prepare(
      "INSERT INTO ida_client (id, base_url, wrapped_misp_license_key, partner_id, wrapped_api_key, service_partner_cert, service_fir_cert, service_sign_cert, partner_cert, wrapped_partner_key, timeout_ms, updated_at, updated_by) VALUES (?, 'http://x', x'00', 'p', x'00', x'00', x'00', x'00', x'00', x'00', ?, ?, 'admin')",
    );
    put.run(1, 15_000, T);
    expect(() => put.run(2, 15_000, T)).toThrow(/CHECK/);
    expect(() => put.run(1, 15_000, T)).toThrow(/UNIQUE|PRIMARY/);
    db.prepare('DELETE FROM ida_client').run();
    expect(() => put.run(1, 10, T)).toThrow(/CHECK/);
    expect(db.prepare('SELECT COUNT(*) FROM ida_client').pluck().get()).toBe(0);
  });
});
