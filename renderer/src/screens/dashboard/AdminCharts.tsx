import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DayChart, type DaySeries } from '../../components/DayChart.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useRecord } from '../../data/useRecord.ts';
import { formatList } from '../../lib/format.ts';
import { useUi } from '../../stores/ui.ts';

const EXPIRY_DAYS = 90;
const ACTIVITY_DAYS = 30;
const KINDS = [
  ['caCertificates', '#b45309'],
  ['partnerCertificates', '#d97706'],
  ['sbis', '#2563eb'],
  ['ftmChips', '#7c3aed'],
  ['apiKeys', '#0f766e'],
] as const;

/** The partner admin's numbers over time: what expires in the next 90 days, and the audit log per day. */
export function AdminCharts() {
  const { t } = useTranslation();
  const lang = useUi((st) => st.lang);
  const expiry = useRecord('dashboard.expiryTimeline', { days: EXPIRY_DAYS });
  const activity = useRecord('dashboard.auditActivity', { days: ACTIVITY_DAYS });

  const expirySeries = useMemo<DaySeries[]>(() => {
    const data = expiry.data;
    return data
      ? KINDS.map(([kind, color]) => ({
          label: t(`charts.expiry.${kind}`),
          values: data.series[kind],
          color,
        }))
      : [];
  }, [expiry.data, t]);
  const activitySeries = useMemo<DaySeries[]>(
    () =>
      activity.data
        ? [
            {
              label: t('charts.activity.success'),
              values: activity.data.success,
              color: '#0f766e',
            },
            {
              label: t('charts.activity.failure'),
              values: activity.data.failure,
              color: '#b91c1c',
            },
          ]
        : [],
    [activity.data, t],
  );
  const total = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const expiring = expirySeries
    .filter((s) => total(s.values) > 0)
    .map((s) => `\u2068${s.label}: ${total(s.values)}\u2069`); // isolated: Latin names in Arabic text

  return (
    <section className="grid gap-4 lg:grid-cols-2" data-testid="admin-charts">
      <FormError error={expiry.error ?? activity.error} />
      {expiry.data ? (
        <DayChart
          testId="expiry-chart"
          from={expiry.data.from}
          series={expirySeries}
          title={t('charts.expiry.title', { days: EXPIRY_DAYS })}
          summary={
            expiring.length
              ? t('charts.expiry.summary', { days: EXPIRY_DAYS, list: formatList(expiring, lang) })
              : t('charts.expiry.none', { days: EXPIRY_DAYS })
          }
        />
      ) : null}
      {activity.data ? (
        <DayChart
          testId="activity-chart"
          from={activity.data.from}
          series={activitySeries}
          title={t('charts.activity.title', { days: ACTIVITY_DAYS })}
          summary={t('charts.activity.summary', {
            days: ACTIVITY_DAYS,
            success: total(activity.data.success),
            failure: total(activity.data.failure),
          })}
        />
      ) : null}
    </section>
  );
}
