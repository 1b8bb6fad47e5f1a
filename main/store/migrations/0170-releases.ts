import type { Database } from 'better-sqlite3';

/**
 * Server side of releases (README "Shipping installers and updates"): the deployment's release
 * key (Ed25519, private half wrapped like the signing CA's), each published latest*.yml with its
 * artefacts, the admin's policy per channel, and the signed feed document each channel serves.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE release_key (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      public_key BLOB NOT NULL CHECK (length(public_key) = 32),   -- raw Ed25519 public key
      wrapped_private_key BLOB NOT NULL,                           -- PKCS#8, AES-256-GCM under the host's KEK
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE release (
      id TEXT PRIMARY KEY,
      channel TEXT NOT NULL CHECK (channel IN ('stable', 'beta')),
      metadata_name TEXT NOT NULL,          -- latest.yml, latest-mac.yml, latest-linux.yml, latest-linux-arm64.yml
      version TEXT NOT NULL,
      metadata TEXT NOT NULL,               -- electron-builder's yml as published
      release_notes TEXT,
      release_date TEXT,
      rollout INTEGER NOT NULL CHECK (rollout BETWEEN 1 AND 100),
      published_at TEXT NOT NULL,
      published_by TEXT NOT NULL,
      UNIQUE (channel, metadata_name, version)
    ) STRICT;

    CREATE TABLE release_file (
      release_id TEXT NOT NULL REFERENCES release (id),
      url TEXT NOT NULL,                    -- the file name the metadata names (no folders)
      sha512 TEXT NOT NULL,                 -- base64, as electron-builder writes it
      size INTEGER NOT NULL CHECK (size > 0),
      PRIMARY KEY (release_id, url)
    ) STRICT;
    CREATE INDEX release_file_by_url ON release_file (url);

    CREATE TABLE release_channel (
      channel TEXT PRIMARY KEY CHECK (channel IN ('stable', 'beta')),
      policy TEXT NOT NULL CHECK (policy IN ('automatic', 'ask', 'never')),
      pinned_version TEXT,                  -- desks go to this version, older or newer
      updated_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO release_channel (channel, policy, pinned_version, updated_at) VALUES
      ('stable', 'ask', NULL, '1970-01-01T00:00:00.000Z'),
      ('beta', 'ask', NULL, '1970-01-01T00:00:00.000Z');

    -- What /updates/<channel>/<metadata_name> serves, signed when it last changed.
    CREATE TABLE release_feed (
      channel TEXT NOT NULL REFERENCES release_channel (channel),
      metadata_name TEXT NOT NULL,
      release_id TEXT NOT NULL REFERENCES release (id),
      document TEXT NOT NULL,
      signature TEXT NOT NULL,              -- base64 Ed25519 signature of the document's UTF-8 bytes
      PRIMARY KEY (channel, metadata_name)
    ) STRICT;
  `);
}
