import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDay } from '../lib/format.ts';
import { useUi } from '../stores/ui.ts';

export interface DaySeries {
  label: string;
  values: readonly number[];
  /** A Tailwind-palette colour; the canvas needs a value, not a class. */
  color: string;
}

const DAY_S = 86_400;

/**
 * Counts per calendar day (UTC) as stacked bars, drawn by uPlot on a canvas. The canvas is one
 * picture for sighted users; `summary` says the same in words and the table below gives every
 * number, so screen-reader users and anyone who wants the figures get them.
 */
export function DayChart({
  from,
  series,
  title,
  summary,
  testId,
}: {
  from: string;
  series: DaySeries[];
  title: string;
  summary: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const lang = useUi((st) => st.lang);
  const box = useRef<HTMLDivElement>(null);
  const days = series[0]?.values.length ?? 0;
  const start = Date.parse(`${from}T00:00:00Z`) / 1000;
  const x = Array.from({ length: days }, (_, i) => start + i * DAY_S);
  const dayLabel = { format: (date: Date) => formatDay(date.getTime(), lang) };

  useEffect(() => {
    const el = box.current;
    if (!el || days === 0) return;
    // Stacked: each drawn series is the sum of itself and those after it, tallest first, so the
    // later (shorter) bars paint over the earlier ones.
    const stacked = series.map((_, i) =>
      x.map((__, d) => series.slice(i).reduce((sum, s) => sum + (s.values[d] ?? 0), 0)),
    );
    const bars = uPlot.paths.bars?.({ size: [0.8, 24] });
    const plot = new uPlot(
      {
        width: el.clientWidth || 600,
        height: 200,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          // Dates are wider in French and Arabic than uPlot's default tick spacing allows.
          {
            space: 80,
            values: (_u, ticks) => ticks.map((tick) => dayLabel.format(new Date(tick * 1000))),
          },
          {
            values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? String(tick) : '')),
          },
        ],
        // The legend is drawn below in React, in the page's direction and language.
        legend: { show: false },
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            fill: s.color,
            paths: bars,
            points: { show: false },
          })),
        ],
      },
      [x, ...stacked],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 200 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
    // `series` and `from` identify the data; the formatter follows the language.
  }, [series, from, lang]); // eslint-disable-line react-hooks/exhaustive-deps

  const rows = x
    .map((ts, d) => ({ ts, counts: series.map((s) => s.values[d] ?? 0) }))
    .filter((r) => r.counts.some((n) => n > 0));
  return (
    <figure className="card space-y-2 p-4" data-testid={testId}>
      <figcaption className="font-semibold text-slate-800">{title}</figcaption>
      <p className="text-sm text-slate-700" data-testid={`${testId}-summary`}>
        {summary}
      </p>
      {/* Time runs left to right in every language, as on a calendar strip. */}
      <div ref={box} dir="ltr" aria-hidden="true" className="w-full" />
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-hidden="true">
        {series.map((s) => (
          <li key={s.label} className="inline-flex items-center gap-1">
            {/* React sets style through the CSSOM, which the CSP allows. */}
            <span className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
      {rows.length > 0 ? (
        <details>
          <summary className="cursor-pointer text-sm text-brand-700">{t('charts.showTable')}</summary>
          <table className="mt-2 w-full text-sm" data-testid={`${testId}-table`}>
            <thead>
              <tr>
                <th className="px-2 text-start">{t('charts.day')}</th>
                {series.map((s) => (
                  <th key={s.label} className="px-2 text-end">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.ts}>
                  <td className="px-2">{dayLabel.format(new Date(r.ts * 1000))}</td>
                  {r.counts.map((n, i) => (
                    <td key={series[i]?.label} className="px-2 text-end tabular-nums">
                      {n}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}
