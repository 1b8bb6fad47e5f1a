import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../core/index.ts';
import { aesKeyWrap } from '../../lib/keys/wrap.ts';
import { openDatabase, schemaVersion } from '../store/db.ts';
import { LATEST_VERSION } from '../store/migrations/index.ts';
import { UsageError } from './usage.ts';

/** Commands that must not open the core on the data directory (it may be served, or not exist yet). */
export interface StandaloneCommand {
  summary: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  run(
    values: Record<string, string | boolean | undefined>,
    io: { dataDir: string; stdout: NodeJS.WritableStream; positionals: string[] },
  ): Promise<number>;
}

const print = (io: { stdout: NodeJS.WritableStream }, value: unknown) => io.stdout.write(`${JSON.stringify(value)}\n`);

function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

function onePath(positionals: string[], what: string): string {
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`give exactly one ${what}`);
  return resolve(positionals[0]);
}

/** Which of the data directory's wrapped keys its KEK opens: a backup without its KEK cannot sign. */
function kekState(
  dataDir: string,
  db: Database.Database,
): 'ok' | 'missing' | 'does not open the signing key' | 'no signing key' {
  const wrapped = db
    .prepare("SELECT wrapped_private_key FROM signing_key WHERE purpose = 'partner-signing'")
    .pluck()
    .get() as Buffer | undefined;
  if (!wrapped) return 'no signing key';
  const file = join(dataDir, 'keys', 'kek.key');
  if (!existsSync(file)) return 'missing';
  try {
    aesKeyWrap(readFileSync(file)).unwrap(wrapped);
    return 'ok';
  } catch {
    return 'does not open the signing key';
  }
}

export const backupCommands: Record<string, StandaloneCommand> = {
  backup: {
    summary: "copy the database to <file> with SQLite's online backup API, also while the server is serving",
    options: {},
    async run(_v, io) {
      const target = onePath(io.positionals, 'backup file');
      const source = join(io.dataDir, DB_FILE);
      if (!existsSync(source)) throw new UsageError(`no database in ${io.dataDir}`);
      if (existsSync(target))
        throw new UsageError(`${target} exists; choose a new file name (a backup never overwrites)`);
      const partial = `${target}.partial`;
      rmSync(partial, { force: true });
      const db = new Database(source, { fileMustExist: true });
      db.pragma('busy_timeout = 5000');
      try {
        // All pages in one step, so the copy is one read snapshot: in WAL mode writers go on meanwhile,
        // and a step-by-step copy would start over at each of their commits.
        await db.backup(partial, { progress: () => 0x7fffffff });
      } finally {
        db.close();
      }
      const check = integrity(partial);
      if (check !== 'ok') {
        rmSync(partial, { force: true });
        throw new Error(`the copy failed its integrity check: ${check}`);
      }
      renameSync(partial, target);
      const copy = new Database(target, { readonly: true });
      const version = schemaVersion(copy);
      copy.close();
      print(io, {
        backup: target,
        bytes: statSync(target).size,
        schemaVersion: version,
        integrity: check,
        note: `keys/kek.key (the key-encryption key of the signing CA) is not in the backup; keep a copy of ${join(io.dataDir, 'keys', 'kek.key')} apart from it`,
      });
      return 0;
    },
  },
  restore: {
    summary: 'restore a backup into a new or empty data directory (--kek FILE: the key file kept with it)',
    options: { kek: { type: 'string' } },
    async run(v, io) {
      const backup = onePath(io.positionals, 'backup file');
      if (!existsSync(backup)) throw new UsageError(`${backup} does not exist`);
      const target = join(io.dataDir, DB_FILE);
      if (existsSync(target) || existsSync(`${target}-wal`))
        throw new UsageError(`${io.dataDir} already has a database; restore into a new or empty data directory`);
      let check: string;
      try {
        check = integrity(backup);
      } catch (err) {
        throw new Error(`${backup} is not a Partner Desk backup: ${(err as Error).message}`, {
          cause: err,
        });
      }
      if (check !== 'ok') throw new Error(`${backup} failed its integrity check: ${check}`);
      const kekFile = join(io.dataDir, 'keys', 'kek.key');
      if (typeof v.kek === 'string') {
        const kek = readFileSync(resolve(v.kek));
        if (kek.length !== 32) throw new UsageError(`${v.kek} is not a key file (expected 32 bytes)`);
        if (existsSync(kekFile)) throw new UsageError(`${kekFile} exists; it is never overwritten`);
        mkdirSync(join(io.dataDir, 'keys'), { recursive: true, mode: 0o700 });
        writeFileSync(kekFile, kek, { mode: 0o600, flag: 'wx' });
        chmodSync(kekFile, 0o600);
      }
      mkdirSync(io.dataDir, { recursive: true });
      copyFileSync(backup, `${target}.partial`);
      renameSync(`${target}.partial`, target);
      // Opened as the app opens it: WAL, and the migrations of this version when the backup is older.
      const db = openDatabase(target);
      try {
        const restored = String(db.pragma('integrity_check', { simple: true }));
        print(io, {
          restored: target,
          schemaVersion: schemaVersion(db),
          latestSchemaVersion: LATEST_VERSION,
          integrity: restored,
          kek: kekState(io.dataDir, db),
        });
        return restored === 'ok' ? 0 : 1;
      } finally {
        db.close();
      }
    },
  },
};
