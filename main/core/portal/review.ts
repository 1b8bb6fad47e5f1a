import type { ApplicationState } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { applicationDetail, formDetail, loadApplication, loadForm } from './rows.ts';

interface StatusDb {
  state: Exclude<ApplicationState, 'draft'>;
  at: string;
  by_user: string | null;
  by_name: string | null;
  reason: string | null;
}

/**
 * An application as the program administrator reviews it: the answers with the version of the
 * form they answered (rendered read-only), and the states it went through (migration 0220).
 */
export function applicationReview(db: ReadDb | WriteDb, applicationId: string) {
  const a = loadApplication(db, applicationId);
  const history = db
    .prepare(
      `SELECT s.state, s.at, s.by_user, CASE WHEN u.id IS NULL THEN NULL ELSE trim(u.first_name || ' ' || u.last_name) END AS by_name, s.reason
       FROM application_status s LEFT JOIN app_user u ON u.id = s.by_user
       WHERE s.application_id = ? ORDER BY s.seq`,
    )
    .all(applicationId) as StatusDb[];
  return {
    ...applicationDetail(a),
    form: formDetail(loadForm(db, a.form_id)),
    history: history.map((h) => ({
      state: h.state,
      dateTime: h.at,
      by: h.by_user === null ? null : { userId: h.by_user, name: h.by_name || h.by_user },
      reason: h.reason,
    })),
  };
}
