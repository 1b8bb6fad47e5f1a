import { expect, test } from './fixtures.ts';
import { as, call, switchLanguage } from './device-steps.ts';

/*
 * The admin dashboard's charts (issue 13): what expires in the next 90 days and the audit log per
 * day, drawn by uPlot, said in words and given as a table, in English, French and Arabic.
 */

const LABELS = {
  en: {
    partnerCertificates: 'Partner certificates',
    show: 'Show as a table',
    none: 'Nothing expires',
  },
  fr: {
    partnerCertificates: 'Certificats de partenaire',
    show: 'Afficher sous forme de tableau',
    none: 'Rien n’expire',
  },
  ar: { partnerCertificates: 'شهادات الشركاء', show: 'عرض كجدول', none: 'لا شيء' },
} as const;

test('the admin sees what expires in the next 90 days and the activity per day, in every language', async ({
  page,
  desk,
}) => {
  const demo = await call(desk, 'setup.loadDemo', {});
  const admin = (await call(desk, 'auth.login', { login: 'admin', password: demo.password })).token;
  const timeline = await call(desk, 'dashboard.expiryTimeline', { days: 90 }, admin);
  const partnerCerts = timeline.series.partnerCertificates.reduce((a, b) => a + b, 0);
  // The demo has a partner certificate that expires within 30 days (its dashboard badge says so).
  expect(partnerCerts).toBeGreaterThanOrEqual(1);
  await desk.open(page);
  await as(page, desk, 'admin', demo.password, '/dashboard');
  for (const lang of ['en', 'fr', 'ar'] as const) {
    await switchLanguage(page, desk, lang, '/dashboard');
    const chart = page.getByTestId('expiry-chart');
    await expect(chart.locator('canvas')).toBeVisible();
    await expect(page.getByTestId('expiry-chart-summary')).toContainText(
      `${LABELS[lang].partnerCertificates}: ${partnerCerts}`,
    );
    await chart.getByText(LABELS[lang].show).click();
    // One table row per day on which something expires, each number as the core counted it.
    const days = timeline.series.partnerCertificates
      .map((n, i) => Object.values(timeline.series).some((s) => (s[i] ?? 0) > 0))
      .filter(Boolean).length;
    await expect(page.getByTestId('expiry-chart-table').locator('tbody tr')).toHaveCount(days);
    await expect(page.getByTestId('activity-chart').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('activity-chart-summary')).toContainText(/\d/);
    await desk.shot(page, `dashboard-charts-${lang}`);
  }
});

test('a partner sees no admin charts', async ({ page, desk }) => {
  const demo = await call(desk, 'setup.loadDemo', {});
  await desk.open(page);
  // A demo device provider (its login is the organisation's id, main/core/demo/seed.ts).
  await as(page, desk, 'sentinel-biometrics', demo.password, '/dashboard');
  await expect(page.getByTestId('dashboard-cards')).toBeVisible();
  await expect(page.getByTestId('admin-charts')).toHaveCount(0);
});
