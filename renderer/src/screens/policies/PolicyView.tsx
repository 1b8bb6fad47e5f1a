import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';

type Readable = Output<'policies.get'>['readable'];

const th = 'border-b border-slate-200 px-3 py-2 text-start text-xs font-semibold uppercase text-slate-700';
const td = 'border-b border-slate-100 px-3 py-2';

/** The policy as lists and tables (the core's `readable` field): what a partner gets under it. */
export function ReadablePolicyView({ readable }: { readable: Readable }) {
  const { t } = useTranslation();
  const yesNo = (v: boolean) => (v ? t('policies.view.yes') : t('policies.view.no'));
  if (readable.kind === 'auth') {
    return (
      <div className="space-y-4" data-testid="readable-auth">
        <p>
          <span className="text-xs text-slate-600">{t('policies.view.authTokenType')}: </span>
          <span dir="ltr" className="font-mono" data-testid="readable-token-type">
            {readable.authTokenType}
          </span>
        </p>
        <div>
          <h3 className="text-sm font-semibold text-slate-900">{t('policies.view.kycAttributes')}</h3>
          {readable.kycAttributes.length ? (
            <ul className="mt-1 flex flex-wrap gap-2" data-testid="readable-kyc">
              {readable.kycAttributes.map((a) => (
                <li
                  key={a}
                  dir="ltr"
                  className="rounded-full bg-slate-100 px-2.5 py-0.5 font-mono text-xs text-slate-800"
                >
                  {a}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-600">{t('policies.view.none')}</p>
          )}
        </div>
        <div>
          <h3 className="text-sm font-semibold text-slate-900">{t('policies.view.authTypes')}</h3>
          <table className="mt-1 w-full text-sm" data-testid="readable-auth-types">
            <thead>
              <tr>
                <th className={th}>{t('policies.view.authType')}</th>
                <th className={th}>{t('policies.view.authSubType')}</th>
                <th className={th}>{t('policies.view.mandatory')}</th>
              </tr>
            </thead>
            <tbody>
              {readable.authTypes.map((a, i) => (
                <tr key={`${a.authType}-${a.authSubType}-${i}`}>
                  <td className={`${td} font-mono`} dir="ltr">
                    {a.authType}
                  </td>
                  <td className={`${td} font-mono`} dir="ltr">
                    {a.authSubType || t('common.none')}
                  </td>
                  <td className={td}>{yesNo(a.mandatory)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }
  return (
    <div className="space-y-4" data-testid="readable-datashare">
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{t('policies.view.dataSharePolicies')}</h3>
        <table className="mt-1 w-full text-sm" data-testid="readable-share-settings">
          <thead>
            <tr>
              <th className={th}>{t('policies.view.setting')}</th>
              <th className={th}>{t('policies.view.value')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(readable.dataSharePolicies).map(([k, v]) => (
              <tr key={k}>
                <td className={`${td} font-mono`} dir="ltr">
                  {k}
                </td>
                <td className={td}>
                  <bdi>{v}</bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{t('policies.view.shareableAttributes')}</h3>
        <table className="mt-1 w-full text-sm" data-testid="readable-shareable">
          <thead>
            <tr>
              <th className={th}>{t('policies.view.attributeName')}</th>
              <th className={th}>{t('policies.view.attributeGroup')}</th>
              <th className={th}>{t('policies.view.encrypted')}</th>
              <th className={th}>{t('policies.view.attributeFormat')}</th>
              <th className={th}>{t('policies.view.sources')}</th>
            </tr>
          </thead>
          <tbody>
            {readable.shareableAttributes.map((a) => (
              <tr key={a.attributeName}>
                <td className={`${td} font-mono`} dir="ltr">
                  {a.attributeName}
                </td>
                <td className={td}>{a.group ?? t('common.none')}</td>
                <td className={td}>{yesNo(a.encrypted)}</td>
                <td className={td}>{a.format ?? t('common.none')}</td>
                <td className={`${td} font-mono`} dir="ltr">
                  {a.sources.join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
