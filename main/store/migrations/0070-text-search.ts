import type { Database } from 'better-sqlite3';

/**
 * Indexes for MOSIP's "contains" filters on the million-row tables, and per-partner-type link
 * counts (docs/benchmarks.md, issues 4 and 5).
 *
 * A `LIKE '%…%'` cannot seek, so it read every value (100–240 ms on 1M rows). Here the searched
 * text goes into FTS5 tables with the trigram tokenizer: a phrase query for a string of three or
 * more characters finds the rows containing it. The text is stored as SQLite's `lower()` gives it
 * (ASCII letters folded, nothing else) and the tokenizer is case-sensitive, so the index answers
 * exactly what `col LIKE '%' || lower(q) || '%'` answers — ASCII case-insensitive, other characters
 * as written — and its matches need no re-check (test/integration/migrations/0070-text-search.test.ts).
 *
 * - Free text (a link request's comment): one index entry per row, keyed by the row's rowid.
 * - Short columns whose values repeat (API key label, device make and model): the distinct values
 *   with their row counts in `<name>` (INTEGER PRIMARY KEY, so VACUUM keeps the keys), a trigram
 *   index over those values, and the rows then found through the column's own index.
 *
 * Triggers keep everything in step with the tables; the step fills them from existing rows.
 */

const TRIGRAM = "tokenize = 'trigram case_sensitive 1', content = '', contentless_delete = 1";

/** A trigram index over a free-text column, one entry per row (FTS rowid = the row's rowid). */
function rowTextIndex(name: string, table: string, column: string): string {
  return `
    CREATE VIRTUAL TABLE ${name} USING fts5(text, ${TRIGRAM});
    CREATE TRIGGER ${name}_insert AFTER INSERT ON ${table} BEGIN
      INSERT INTO ${name} (rowid, text) VALUES (NEW.rowid, lower(NEW.${column}));
    END;
    CREATE TRIGGER ${name}_delete AFTER DELETE ON ${table} BEGIN
      DELETE FROM ${name} WHERE rowid = OLD.rowid;
    END;
    CREATE TRIGGER ${name}_update AFTER UPDATE OF ${column} ON ${table} WHEN OLD.${column} IS NOT NEW.${column} BEGIN
      DELETE FROM ${name} WHERE rowid = OLD.rowid;
      INSERT INTO ${name} (rowid, text) VALUES (NEW.rowid, lower(NEW.${column}));
    END;
    INSERT INTO ${name} (rowid, text) SELECT rowid, lower(${column}) FROM ${table};`;
}

/** The distinct values of a short column with their row counts, and a trigram index over them. */
function valueIndex(name: string, table: string, column: string): string {
  const up = (v: string) =>
    `INSERT INTO ${name} (value, n) VALUES (${v}, 1) ON CONFLICT (value) DO UPDATE SET n = n + 1;`;
  const down = (v: string) =>
    `UPDATE ${name} SET n = n - 1 WHERE value = ${v}; DELETE FROM ${name} WHERE value = ${v} AND n = 0;`;
  return `
    CREATE TABLE ${name} (
      id INTEGER PRIMARY KEY,
      value TEXT NOT NULL UNIQUE,
      n INTEGER NOT NULL CHECK (n >= 0)
    ) STRICT;
    CREATE VIRTUAL TABLE ${name}_fts USING fts5(text, ${TRIGRAM});
    CREATE TRIGGER ${name}_fts_insert AFTER INSERT ON ${name} BEGIN
      INSERT INTO ${name}_fts (rowid, text) VALUES (NEW.id, lower(NEW.value));
    END;
    CREATE TRIGGER ${name}_fts_delete AFTER DELETE ON ${name} BEGIN
      DELETE FROM ${name}_fts WHERE rowid = OLD.id;
    END;
    CREATE TRIGGER ${name}_insert AFTER INSERT ON ${table} BEGIN ${up(`NEW.${column}`)} END;
    CREATE TRIGGER ${name}_delete AFTER DELETE ON ${table} BEGIN ${down(`OLD.${column}`)} END;
    CREATE TRIGGER ${name}_update AFTER UPDATE OF ${column} ON ${table} WHEN OLD.${column} IS NOT NEW.${column}
      BEGIN ${down(`OLD.${column}`)} ${up(`NEW.${column}`)} END;
    INSERT INTO ${name} (value, n) SELECT ${column}, COUNT(*) FROM ${table} GROUP BY ${column};`;
}

/**
 * list_count('partner_policy_request:type', '<partner type>/<state>'): link requests per partner
 * type and state, so "Credential partners' pending requests" is read, not counted over 20k
 * partners. A partner's type is its MOSIP role and does not change in the app; if it is changed
 * anyway, its requests move to the new type's counts.
 */
const LINK_TYPE_COUNTS = (() => {
  const T = "'partner_policy_request:type'";
  const key = (row: 'NEW' | 'OLD') =>
    `(SELECT partner_type_code FROM partner WHERE id = ${row}.part_id) || '/' || ${row}.status_code`;
  const up = (row: 'NEW' | 'OLD') =>
    `INSERT INTO list_count (tbl, k, n) VALUES (${T}, ${key(row)}, 1) ON CONFLICT (tbl, k) DO UPDATE SET n = n + 1;`;
  const down = (row: 'NEW' | 'OLD') => `UPDATE list_count SET n = n - 1 WHERE tbl = ${T} AND k = ${key(row)};`;
  return `
    CREATE TRIGGER partner_type_link_counts AFTER UPDATE OF partner_type_code ON partner WHEN OLD.partner_type_code IS NOT NEW.partner_type_code BEGIN
      UPDATE list_count SET n = n - (SELECT COUNT(*) FROM partner_policy_request r WHERE r.part_id = OLD.id AND OLD.partner_type_code || '/' || r.status_code = list_count.k)
        WHERE tbl = ${T} AND k >= OLD.partner_type_code || '/' AND k < OLD.partner_type_code || '0';
      INSERT INTO list_count (tbl, k, n) SELECT ${T}, NEW.partner_type_code || '/' || status_code, COUNT(*) FROM partner_policy_request WHERE part_id = NEW.id GROUP BY status_code
        ON CONFLICT (tbl, k) DO UPDATE SET n = n + excluded.n;
    END;
    CREATE TRIGGER ppr_type_count_insert AFTER INSERT ON partner_policy_request BEGIN ${up('NEW')} END;
    CREATE TRIGGER ppr_type_count_update AFTER UPDATE OF status_code, part_id ON partner_policy_request
      WHEN OLD.status_code IS NOT NEW.status_code OR OLD.part_id IS NOT NEW.part_id BEGIN ${down('OLD')} ${up('NEW')} END;
    CREATE TRIGGER ppr_type_count_delete AFTER DELETE ON partner_policy_request BEGIN ${down('OLD')} END;
    INSERT INTO list_count (tbl, k, n)
      SELECT 'partner_policy_request:type', p.partner_type_code || '/' || r.status_code, COUNT(*)
      FROM partner_policy_request r JOIN partner p ON p.id = r.part_id GROUP BY 2;`;
})();

export default function migrate(db: Database): void {
  db.exec(`
    ${rowTextIndex('ppr_comment_fts', 'partner_policy_request', 'request_detail')}
    ${valueIndex('api_key_label_value', 'partner_policy', 'label')}
    ${valueIndex('device_make_value', 'device_detail', 'make')}
    ${valueIndex('device_model_value', 'device_detail', 'model')}
    ${LINK_TYPE_COUNTS}
  `);
}
