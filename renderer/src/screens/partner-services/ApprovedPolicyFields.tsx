import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { useRecord } from '../../data/useRecord.ts';
import { SelectField } from '../../components/Field.tsx';
import { InfoTip, useMyPartners } from './parts.tsx';

type Policy = Output<'linking.availablePolicies'>['policies'][number];

interface Props {
  partnerId: string;
  policyId: string;
  onPartner(id: string): void;
  onPolicy(id: string): void;
  errors: Record<string, string | undefined>;
  /** OIDC clients need an Auth policy. */
  authOnly?: boolean;
  prefix: string;
}

/** Partner id → its approved policies (API keys and OIDC clients work only under an approved link). */
export function ApprovedPolicyFields({ partnerId, policyId, onPartner, onPolicy, errors, authOnly, prefix }: Props) {
  const { t } = useTranslation();
  const { partners } = useMyPartners({ status: 'approved' });
  const eligible = (partners ?? []).filter((p) => p.partnerType === 'Auth_Partner' && p.policyGroupId);

  const only = eligible.length === 1 ? eligible[0]?.partnerId : undefined;
  useEffect(() => {
    if (only && !partnerId) onPartner(only);
  }, [only, partnerId, onPartner]);

  const available = useRecord('linking.availablePolicies', partnerId ? { partnerId } : null).data;
  const policies: Policy[] | null = available
    ? available.policies.filter((p) => p.requestStatus === 'approved' && (!authOnly || p.policyType === 'Auth'))
    : null;

  const list = partnerId ? (policies ?? []) : [];
  const chosen = list.find((p) => p.policyId === policyId);
  return (
    <>
      <SelectField
        name="partnerId"
        label={t('partnerServices.cols.partnerId')}
        value={partnerId}
        onChange={(v) => {
          // The same partner picked again keeps its policy.
          if (v === partnerId) return;
          onPartner(v);
          onPolicy('');
        }}
        placeholder={t('partnerServices.request.partnerPlaceholder')}
        options={eligible.map((p) => ({ value: p.partnerId, label: p.partnerId }))}
        error={errors.partnerId}
        testId={`${prefix}-partner`}
      />
      <SelectField
        name="policyId"
        label={t('partnerServices.cols.policyName')}
        value={policyId}
        onChange={onPolicy}
        placeholder={
          partnerId && policies && list.length === 0
            ? t('partnerServices.approved.none')
            : t('partnerServices.request.policyPlaceholder')
        }
        options={list.map((p) => ({ value: p.policyId, label: p.policyName }))}
        error={errors.policyId}
        hint={
          <span className="inline-flex items-center">
            {chosen ? chosen.policyDescription : t('partnerServices.approved.hint')}
            <InfoTip text={t('partnerServices.approved.info')} />
          </span>
        }
        testId={`${prefix}-policy`}
      />
    </>
  );
}
