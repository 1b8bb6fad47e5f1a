import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { BenchReport } from '../../stores/bench.ts';
import { ChecksList, ResultMark } from './parts.tsx';

type CaseResult = BenchReport['cases'][number];

/**
 * Results, one row per case, each expandable to its checks with the reason of a failure. The
 * list is virtualized (the CTK has 200 cases); rows measure themselves because expanded ones grow.
 */
export function BenchResults({ report }: { report: BenchReport }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const scrollRef = useRef<HTMLDivElement>(null);
  const cases = report.cases;
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: cases.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 48,
    overscan: 6,
    getItemKey: (i) => cases[i]?.id ?? i,
    initialRect: { width: 900, height: 480 },
  });
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const { pass, fail, skip } = report.summary;
  return (
    <div className="space-y-2">
      <p
        className="text-sm font-medium text-slate-800"
        data-testid="bench-summary"
        data-pass={pass}
        data-fail={fail}
        data-skip={skip}
      >
        {t('hardware.bench.results.summary', { pass, fail, skip })}
      </p>
      {cases.length === 0 ? (
        <p className="text-slate-600">{t('hardware.bench.results.empty')}</p>
      ) : (
        <div
          ref={scrollRef}
          role="list"
          aria-label={t('hardware.bench.results.title')}
          className="max-h-[60vh] overflow-y-auto rounded-md border border-slate-200"
          data-testid="bench-results"
        >
          <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const c = cases[item.index];
              if (!c) return null;
              return (
                <div
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  role="listitem"
                  style={{
                    position: 'absolute',
                    insetInlineStart: 0,
                    top: 0,
                    width: '100%',
                    transform: `translateY(${item.start}px)`,
                  }}
                  className={`border-b border-slate-100 ${item.index % 2 ? 'bg-slate-50/60' : 'bg-white'}`}
                >
                  <CaseRow result={c} expanded={open.has(c.id)} onToggle={() => toggle(c.id)} />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}

function CaseRow({ result, expanded, onToggle }: { result: CaseResult; expanded: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const failed = result.checks.filter((c) => c.result === 'fail').length;
  return (
    <div data-testid="bench-case" data-case={result.id} data-result={result.result}>
      <div className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
        <ResultMark result={result.result} testId="bench-case-result" />
        <bdi dir="ltr" className="font-mono text-xs text-slate-500">
          {result.id}
        </bdi>
        <span className="min-w-0 flex-1">
          <bdi>{result.name}</bdi>
        </span>
        <span className="text-xs text-slate-600">
          {t('hardware.bench.results.checkCount', { n: result.checks.length, failed })}
        </span>
        <button
          type="button"
          className="btn btn-quiet"
          aria-expanded={expanded}
          onClick={onToggle}
          data-testid="bench-case-toggle"
        >
          {expanded ? t('hardware.bench.results.collapse') : t('hardware.bench.results.expand')}
        </button>
      </div>
      {expanded ? (
        <div className="px-3 pb-3">
          <ChecksList checks={result.checks} testId="bench-case-checks" />
        </div>
      ) : null}
    </div>
  );
}
