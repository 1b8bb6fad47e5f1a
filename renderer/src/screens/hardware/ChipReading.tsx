import { useTranslation } from 'react-i18next';
import type { FtmRow } from '../devices/FtmScreens.tsx';
import { DateText } from '../devices/parts.tsx';
import { Facts } from '../../components/Facts.tsx';
import type { Output } from '../../contract.ts';
import { Note } from './parts.tsx';

// The contract's type, not FtmOnboardScreen's alias: that screen imports this one.
type ChipReading = Output<'hardware.ftm.read'>;

function VerdictLine({
  label,
  help,
  verdict,
  testId,
}: {
  label: string;
  help: string;
  verdict: ChipReading['trust'];
  testId: string;
}) {
  const { t } = useTranslation();
  const ok = verdict.verdict === 'verified';
  return (
    <div
      className={`rounded-md p-3 text-sm ${ok ? 'bg-ok-bg text-ok-fg' : 'bg-bad-bg text-bad-fg'}`}
      data-testid={testId}
      data-verdict={verdict.verdict}
    >
      <p className="font-semibold">
        <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
        {label}: {ok ? t('hardware.ftm.verified') : t('hardware.ftm.failed')}
      </p>
      <p className="mt-1 text-slate-700">{help}</p>
      {verdict.reason ? (
        <p className="mt-1" data-testid={`${testId}-reason`}>
          <bdi>{verdict.reason}</bdi>
        </p>
      ) : null}
    </div>
  );
}

/** What the chip said about itself, its chain, and the two verdicts (possession, trust). */
export function ChipReadingView({ reading, entry }: { reading: ChipReading; entry: FtmRow | null }) {
  const { t } = useTranslation();
  const th = 'px-3 py-2 text-start text-xs font-semibold uppercase tracking-wide text-slate-700';
  const differs = entry !== null && (entry.make !== reading.make || entry.model !== reading.model);
  return (
    <div className="space-y-3">
      <Facts
        testId="ftm-reading-facts"
        items={[
          {
            label: t('devices.cols.make'),
            value: <bdi>{reading.make}</bdi>,
            testId: 'ftm-reading-make',
          },
          {
            label: t('devices.cols.model'),
            value: <bdi>{reading.model}</bdi>,
            testId: 'ftm-reading-model',
          },
          { label: t('hardware.ftm.serial'), value: <bdi dir="ltr">{reading.serial}</bdi> },
          { label: t('hardware.ftm.firmware'), value: <bdi dir="ltr">{reading.firmware}</bdi> },
        ]}
      />
      {differs ? (
        <Note tone="wait" testId="ftm-reading-differs">
          {t('hardware.ftm.differs', {
            chipMake: reading.make,
            chipModel: reading.model,
            make: entry.make,
            model: entry.model,
          })}
        </Note>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <VerdictLine
          label={t('hardware.ftm.possession')}
          help={t('hardware.ftm.possessionHelp')}
          verdict={reading.possession}
          testId="ftm-possession"
        />
        <VerdictLine
          label={t('hardware.ftm.trust')}
          help={t('hardware.ftm.trustHelp')}
          verdict={reading.trust}
          testId="ftm-trust"
        />
      </div>
      <h3 className="text-sm font-semibold text-slate-900">{t('hardware.ftm.chain')}</h3>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-sm" data-testid="ftm-chain">
          <thead className="bg-slate-100">
            <tr>
              <th className={th}>{t('devices.cols.issuedTo')}</th>
              <th className={th}>{t('devices.cols.issuedBy')}</th>
              <th className={th}>{t('hardware.ftm.notAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {reading.chain.map((c, i) => (
              <tr key={i} className="border-b border-slate-100" data-testid="ftm-chain-row">
                <td className="px-3 py-2">
                  <bdi dir="ltr" className="break-all">
                    {c.subject}
                  </bdi>
                </td>
                <td className="px-3 py-2">
                  <bdi dir="ltr" className="break-all">
                    {c.issuer}
                  </bdi>
                </td>
                <td className="px-3 py-2">
                  <DateText iso={c.notAfter} time />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
