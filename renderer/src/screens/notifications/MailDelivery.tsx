import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useUi } from '../../stores/ui.ts';

/** The admin sees mails that keep failing (kept and retried with back-off) and can retry at once. */
export function MailDelivery() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const status = useRecord('notifications.mailStatus', {});
  const retry = useCommand('notifications.deliverMail');
  const s = status.data;
  if (!s) return null;
  return (
    <section className="panel space-y-2 p-4 text-sm" aria-labelledby="mail-delivery-title" data-testid="mail-delivery">
      <h2 id="mail-delivery-title" className="font-semibold">
        {t('notifications.mail.title')}
      </h2>
      <p>
        {t('notifications.mail.summary', {
          pending: s.pending,
          retrying: s.retrying,
          sent: s.sent,
        })}
      </p>
      {s.failing.length > 0 ? (
        <>
          <ul className="list-disc space-y-1 ps-5 text-bad-fg" data-testid="mail-failing">
            {s.failing.map((f) => (
              <li key={f.notificationId}>
                {t('notifications.mail.failing', {
                  type: t(`notifications.type.${f.notificationType}`),
                  attempts: f.attempts,
                  next: f.nextAttemptDateTime ? formatDateTime(f.nextAttemptDateTime, lang) : t('common.none'),
                  error: f.error,
                })}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="btn btn-quiet"
            disabled={retry.pending}
            onClick={() => void retry.run({ retryNow: true })}
            data-testid="mail-retry"
          >
            {t('notifications.mail.retry')}
          </button>
        </>
      ) : null}
      {retry.error ? <p role="alert">{t(`errors.${retry.error.code}`)}</p> : null}
    </section>
  );
}
