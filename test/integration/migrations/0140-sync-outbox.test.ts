import { describe, expect, it } from 'vitest';
import { dbAt, plan } from '../../helpers/db.ts';
import { migrate } from '../../../main/store/db.ts';

describe('migration 0140 sync outbox', () => {
  it('upgrades a version-90 outbox: existing entries stay local (never pushed), one sync_node row, standalone', () => {
    const db = dbAt(90);
    db.prepare(
      "INSERT INTO outbox (id, client_seq, command, payload, actor, time) VALUES ('a', 1, 'policyGroups.create', '{}', 'admin', 't')",
    ).run();
    migrate(db, 140);
    expect(db.prepare('SELECT sync_status, acked, replay_method, seed FROM outbox').get()).toEqual({
      sync_status: 'local',
      acked: 0,
      replay_method: null,
      seed: null,
    });
    expect(db.prepare('SELECT id, role, capture_seq FROM sync_node').all()).toEqual([
      { id: 1, role: 'standalone', capture_seq: null },
    ]);
    expect(() => db.prepare('INSERT INTO sync_node (id) VALUES (2)').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE sync_node SET role = 'peer'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE outbox SET sync_status = 'lost'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE outbox SET replay_input = 'not json'").run()).toThrow(/CHECK/);
  });

  it('serves the push queue, the rebase set, the confirmation and the queue view from indexes', () => {
    const db = dbAt(140);
    expect(
      plan(
        db,
        "SELECT client_seq, replay_method, replay_input, seed FROM outbox WHERE sync_status = 'pending' ORDER BY client_seq LIMIT 7",
      ),
    ).toMatch(/SEARCH outbox USING INDEX outbox_status_seq \(sync_status=\?\)$/);
    expect(
      plan(
        db,
        "SELECT client_seq, replay_method FROM outbox WHERE acked = 0 AND sync_status <> 'local' AND sync_status <> 'conflict' AND client_seq > ? ORDER BY client_seq",
        0,
      ),
    ).toMatch(/USING INDEX outbox_unacked/);
    expect(
      plan(db, "UPDATE outbox SET acked = 1 WHERE acked = 0 AND sync_status <> 'local' AND client_seq <= ?", 5),
    ).toMatch(/USING INDEX outbox_unacked \(client_seq<\?\)/);
    expect(
      plan(db, "UPDATE outbox SET sync_status = 'applied' WHERE client_seq = ? AND sync_status = 'pending'", 5),
    ).toMatch(
      /USING (COVERING )?INDEX (sqlite_autoindex_outbox_2 \(client_seq=\?\)|outbox_status_seq \(sync_status=\? AND client_seq=\?\))/,
    );
    expect(
      plan(db, 'SELECT client_seq FROM outbox WHERE sync_status = ? ORDER BY client_seq DESC LIMIT 8', 'conflict'),
    ).toMatch(/USING (COVERING )?INDEX outbox_status_seq \(sync_status=\?\)/);
    expect(
      plan(db, "SELECT sync_status, COUNT(*) FROM outbox WHERE sync_status <> 'local' GROUP BY sync_status"),
    ).toMatch(/COVERING INDEX outbox_status_seq/);
  });
});
