import { describe, expect, it } from 'vitest';
import { dbAt, plan } from '../../helpers/db.ts';
import { migrate } from '../../../main/store/db.ts';

const T = '2026-11-21T09:00:00.000Z';

describe('migration 0144 desk connection', () => {
  it('holds at most one server per desk; the freeze is off and the checkpoint at zero until the first pull', () => {
    const db = dbAt(143);
    migrate(db, 144);
    const add = db.prepare(
      "INSERT INTO sync_connection (id, server_url, desk_id, desk_key, user_id, joined_at) VALUES (?, 'https://pms.example', 'd', 'k', 'u', ?)",
    );
    add.run(1, T);
    expect(() => add.run(2, T)).toThrow(/CHECK/);
    expect(() => add.run(1, T)).toThrow(/UNIQUE|PRIMARY/);
    expect(
      db
        .prepare('SELECT cookie, server_last_seq, freeze_days, last_pull_at, server_session FROM sync_connection')
        .get(),
    ).toEqual({
      cookie: 0,
      server_last_seq: 0,
      freeze_days: 0,
      last_pull_at: null,
      server_session: null,
    });
    expect(plan(db, 'SELECT cookie FROM sync_connection WHERE id = 1')).toMatch(
      /SEARCH sync_connection USING INTEGER PRIMARY KEY \(rowid=\?\)/,
    );
  });
});
