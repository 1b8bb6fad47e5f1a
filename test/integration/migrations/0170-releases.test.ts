import { describe, expect, it } from 'vitest';
import { dbAt, plan } from '../../helpers/db.ts';
import { migrate } from '../../../main/store/db.ts';

const T = '2026-11-21T09:00:00.000Z';

describe('migration 0170 releases', () => {
  it('starts both channels at "ask" with no pin; one key; a version once per channel and platform', () => {
    const db = dbAt(144);
    migrate(db, 170);
    expect(db.prepare('SELECT channel, policy, pinned_version FROM release_channel ORDER BY channel').all()).toEqual([
      { channel: 'beta', policy: 'ask', pinned_version: null },
      { channel: 'stable', policy: 'ask', pinned_version: null },
    ]);
    const key = db.prepare(
      "INSERT INTO release_key (id, public_key, wrapped_private_key, created_at) VALUES (?, ?, x'00', ?)",
    );
    expect(() => key.run(1, Buffer.alloc(31), T)).toThrow(/CHECK/);
    key.run(1, Buffer.alloc(32), T);
    expect(() => key.run(2, Buffer.alloc(32), T)).toThrow(/CHECK/);

    const add = db.prepare(
      "INSERT INTO release (id, channel, metadata_name, version, metadata, rollout, published_at, published_by) VALUES (?, ?, 'latest-linux.yml', ?, 'x', ?, ?, 'admin')",
    );
    add.run('r1', 'stable', '1.0.0', 100, T);
    expect(() => add.run('r2', 'stable', '1.0.0', 100, T)).toThrow(/UNIQUE/);
    add.run('r3', 'beta', '1.0.0', 10, T);
    expect(() => add.run('r4', 'nightly', '1.0.1', 100, T)).toThrow(/CHECK/);
    expect(() => add.run('r5', 'stable', '1.0.2', 0, T)).toThrow(/CHECK/);
    expect(() => add.run('r6', 'stable', '1.0.3', 101, T)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE release_channel SET policy = 'sometimes' WHERE channel = 'stable'").run()).toThrow(
      /CHECK/,
    );

    const file = db.prepare('INSERT INTO release_file (release_id, url, sha512, size) VALUES (?, ?, ?, ?)');
    file.run('r1', 'pd-1.0.0.deb', 'aGFzaA==', 10);
    expect(() => file.run('missing', 'pd.deb', 'aGFzaA==', 10)).toThrow(/FOREIGN KEY/);
    expect(() => file.run('r1', 'pd-1.0.0.rpm', 'aGFzaA==', 0)).toThrow(/CHECK/);
    expect(plan(db, 'SELECT release_id FROM release_file WHERE url = ?', 'x')).toMatch(/release_file_by_url/);

    const feed = db.prepare(
      "INSERT INTO release_feed (channel, metadata_name, release_id, document, signature) VALUES (?, 'latest-linux.yml', ?, 'doc', 'sig')",
    );
    feed.run('stable', 'r1');
    expect(() => feed.run('stable', 'r1')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => feed.run('nightly', 'r1')).toThrow(/FOREIGN KEY/);
    expect(
      plan(db, 'SELECT document FROM release_feed WHERE channel = ? AND metadata_name = ?', 'stable', 'latest.yml'),
    ).toMatch(/USING INDEX sqlite_autoindex_release_feed_1/);
  });
});
