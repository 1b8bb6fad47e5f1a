/**
 * Benchmark: one audit record, as the notification jobs write one per notification created
 * (issue 17's daily jobs wrote 7,791 of them in the 1M-key run). Five rounds of 5,000 records,
 * each round in one transaction, on a real SQLite file (WAL) at the latest schema.
 * Run: npm run bench -- audit-write
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeAudit } from '../../main/core/command.ts';
import type { WriteDb } from '../../main/core/context.ts';
import { migrate } from '../../main/store/db.ts';

const ROUNDS = 5;
const N = 5000;
const dir = mkdtempSync(join(tmpdir(), 'pd-bench-audit-'));
try {
  const db = new Database(join(dir, 'bench.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  const writer = db as unknown as WriteDb;
  const time = '2026-12-07T00:30:00.000Z';
  const perRecord: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    writer.transaction(() => {
      for (let i = 0; i < N; i++)
        writeAudit(writer, {
          module: 'notifications',
          action: 'notifications.created.API_KEY_EXPIRY',
          actor: 'system',
          ref: { type: 'notification', id: `n-${r}-${i}` },
          result: 'success',
          errorCode: null,
          time,
        });
    })();
    perRecord.push(((performance.now() - t0) / N) * 1000);
  }
  const sorted = [...perRecord].sort((a, b) => a - b);
  console.log(
    `audit record: ${perRecord.map((v) => v.toFixed(0)).join(', ')} µs per record over ${ROUNDS} rounds of ${N}`,
  );
  console.log(`median ${sorted[Math.floor(ROUNDS / 2)]!.toFixed(0)} µs`);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
