import type { Database } from 'better-sqlite3';

/**
 * 1–2 character "contains" filters on a link request's comment. A trigram index cannot look up
 * fewer than three characters, so 0070's comment index left them to a LIKE over every row (≈ 100 ms
 * on 1M rows even when nothing matches). This index holds the comment spread out with a separator
 * (`pd_spread`, main/store/db.ts): "ab" is then the trigram "a\x01b" and "a" the trigram "\x01a\x01",
 * so a short filter is one trigram lookup. It costs about twice the comment index's entries.
 */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE ppr_comment_chars USING fts5(text, tokenize = 'trigram case_sensitive 1', content = '', contentless_delete = 1);
    CREATE TRIGGER ppr_comment_chars_insert AFTER INSERT ON partner_policy_request BEGIN
      INSERT INTO ppr_comment_chars (rowid, text) VALUES (NEW.rowid, pd_spread(lower(NEW.request_detail)));
    END;
    CREATE TRIGGER ppr_comment_chars_delete AFTER DELETE ON partner_policy_request BEGIN
      DELETE FROM ppr_comment_chars WHERE rowid = OLD.rowid;
    END;
    CREATE TRIGGER ppr_comment_chars_update AFTER UPDATE OF request_detail ON partner_policy_request
      WHEN OLD.request_detail IS NOT NEW.request_detail BEGIN
      DELETE FROM ppr_comment_chars WHERE rowid = OLD.rowid;
      INSERT INTO ppr_comment_chars (rowid, text) VALUES (NEW.rowid, pd_spread(lower(NEW.request_detail)));
    END;
    INSERT INTO ppr_comment_chars (rowid, text) SELECT rowid, pd_spread(lower(request_detail)) FROM partner_policy_request;
  `);
}
