import { useCallback, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api/errors.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import type { Column } from '../../components/DataTable.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { ListView, filterIds, listIds, pagerIds } from '../../components/ListView.tsx';
import { fetchOnce } from '../../data/fetchOnce.ts';
import { useCommand } from '../../data/useCommand.ts';
import { useList, type Row } from '../../data/useList.ts';
import { useRecord } from '../../data/useRecord.ts';
import { useDownload } from '../../hooks/useDownload.ts';
import { useErrorText } from '../../lib/errorText.ts';
import type { ChosenFile } from '../../lib/files.ts';
import { Link } from '../../router/Link.tsx';
import { navigate, useRoute } from '../../router/hash.ts';
import { useUnsavedGuard } from '../../router/useUnsavedGuard.ts';
import { FilePicker } from '../certificates/FilePicker.tsx';
import { Modal } from '../../components/Modal.tsx';
import { Facts } from '../../components/Facts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Done, useActivePartnerIds } from './AddSbiScreen.tsx';
import { ActionButton, DateText, DecideDialog, DeviceBadge } from './parts.tsx';

export type FtmRow = Row<'ftm.list'>;

type Chip = Pick<FtmRow, 'ftmId' | 'make' | 'model' | 'status' | 'certificateUploadDateTime'>;

/** Upload / re-upload the chip certificate (.cer/.pem as base64); re-upload puts an approved chip back to pending. */
export function FtmCertificateDialog({ chip, onClose }: { chip: Chip; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState(false);
  const upload = useCommand('ftm.uploadCertificate');
  const { pending: busy, error } = upload;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return setMissing(true);
    const r = await upload.run({
      ftmId: chip.ftmId,
      fileName: file.fileName,
      contentBase64: file.contentBase64,
    });
    if (r) setDone(true);
  }
  return (
    <Modal
      title={t('devices.ftm.upload.title', { make: chip.make, model: chip.model })}
      onClose={onClose}
      busy={busy}
      testId="ftm-upload-dialog"
    >
      {done ? (
        <>
          <p role="status" className="mt-3 rounded-md bg-ok-bg p-3 text-ok-fg" data-testid="ftm-upload-success">
            {t('devices.ftm.upload.success')}
          </p>
          <div className="mt-5 flex justify-end">
            <button type="button" className="btn btn-primary" onClick={onClose} data-testid="ftm-upload-close">
              {t('devices.ftm.upload.close')}
            </button>
          </div>
        </>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} className="mt-3 space-y-3" data-testid="ftm-upload-form">
          <p className="text-sm text-slate-700">{t('devices.ftm.upload.domain')}</p>
          {chip.certificateUploadDateTime ? (
            <p className="text-sm text-slate-700" data-testid="ftm-upload-last">
              {t('devices.ftm.upload.lastUpload', {
                date: new Date(chip.certificateUploadDateTime).toLocaleString(),
              })}
            </p>
          ) : null}
          {chip.status === 'approved' ? (
            <p
              role="note"
              className="rounded-md border border-wait-fg/30 bg-wait-bg p-3 text-sm text-wait-fg"
              data-testid="ftm-reupload-warning"
            >
              {t('devices.ftm.upload.reuploadWarning')}
            </p>
          ) : null}
          <FilePicker
            label={t('devices.ftm.upload.file')}
            hint={t('devices.ftm.upload.hint')}
            accept=".cer,.pem,.crt"
            name="certificateFile"
            file={file}
            onChange={setFile}
            missing={missing}
            testId="ftm-upload-file"
          />
          <FormError error={error} />
          <div className="flex justify-end gap-2">
            <button
              type="button"
              className="btn btn-secondary"
              onClick={onClose}
              disabled={busy}
              data-testid="ftm-upload-cancel"
            >
              {t('devices.ftm.upload.cancel')}
            </button>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={busy}
              aria-busy={busy}
              data-testid="ftm-upload-submit"
            >
              {t('devices.ftm.upload.submit')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

const canUpload = (s: FtmRow['status']) => s === 'pending_cert_upload' || s === 'approved';
const canDownload = (r: Pick<FtmRow, 'status' | 'isCertificateAvailable'>) =>
  r.isCertificateAvailable && (r.status === 'pending_approval' || r.status === 'approved');

function FtmList({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const list = useList('ftm.list', {
    id: admin ? 'adminFtm' : 'providerFtm',
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: ['createdDateTime', 'certificateUploadDateTime', 'certificateExpiryDateTime'],
  });
  const decide = useCommand('ftm.decide');
  const deactivate = useCommand('ftm.deactivate');
  const [uploading, setUploading] = useState<FtmRow | null>(null);
  const [deciding, setDeciding] = useState<FtmRow | null>(null);
  const [stopping, setStopping] = useState<FtmRow | null>(null);
  const { download, busy: downloading, error: downloadError } = useDownload();
  const viewBase = admin ? '/admin/ftm/view' : '/provider/ftm/view';

  const columns = useMemo<Column<FtmRow>[]>(() => {
    const cols: Column<FtmRow>[] = [];
    if (admin) {
      cols.push(
        {
          id: 'partnerId',
          label: t('devices.cols.partnerId'),
          width: 'minmax(8rem,1fr)',
          sort: 'partnerId',
          cell: (r) => <bdi dir="ltr">{r.partnerId}</bdi>,
        },
        {
          id: 'orgName',
          label: t('devices.cols.orgName'),
          width: 'minmax(8rem,1fr)',
          sort: 'orgName',
          cell: (r) => <bdi title={r.orgName}>{r.orgName}</bdi>,
        },
      );
    }
    cols.push(
      {
        id: 'ftmId',
        label: t('devices.cols.ftmId'),
        width: 'minmax(7rem,1fr)',
        sort: 'ftmId',
        cell: (r) => (
          <bdi dir="ltr" title={r.ftmId} className="font-mono text-xs">
            {r.ftmId}
          </bdi>
        ),
      },
      {
        id: 'make',
        label: t('devices.cols.make'),
        width: 'minmax(6rem,1fr)',
        sort: 'make',
        cell: (r) => <bdi data-testid="ftm-row-make">{r.make}</bdi>,
      },
      {
        id: 'model',
        label: t('devices.cols.model'),
        width: 'minmax(6rem,1fr)',
        sort: 'model',
        cell: (r) => <bdi data-testid="ftm-row-model">{r.model}</bdi>,
      },
      {
        id: 'created',
        label: t('devices.cols.created'),
        width: '7.5rem',
        sort: 'createdDateTime',
        cell: (r) => <DateText iso={r.createdDateTime} />,
      },
    );
    if (!admin) {
      cols.push(
        {
          id: 'certUploaded',
          label: t('devices.cols.certUploaded'),
          width: '7.5rem',
          sort: 'certificateUploadDateTime',
          cell: (r) =>
            r.certificateUploadDateTime ? (
              <DateText iso={r.certificateUploadDateTime} />
            ) : (
              <span className="text-slate-500">{t('devices.ftm.notUploaded')}</span>
            ),
        },
        {
          id: 'certExpiry',
          label: t('devices.cols.certExpiry'),
          width: '7.5rem',
          sort: 'certificateExpiryDateTime',
          cell: (r) => <DateText iso={r.certificateExpiryDateTime} />,
        },
        {
          id: 'certExpiryStatus',
          label: t('devices.cols.certExpiryStatus'),
          width: '6.5rem',
          cell: (r) =>
            r.isCertificateExpired === null ? (
              '—'
            ) : (
              <DeviceBadge status={r.isCertificateExpired ? 'expired' : 'valid'} testId="ftm-row-expiry" />
            ),
        },
      );
    }
    cols.push(
      {
        id: 'status',
        label: t('devices.cols.status'),
        width: '13rem',
        sort: 'status',
        cell: (r) => <DeviceBadge status={r.status} testId="ftm-row-status" />,
      },
      {
        id: 'action',
        label: t('devices.cols.action'),
        width: admin ? '20rem' : '26rem',
        cell: (r) => (
          <span className="flex items-center">
            <Link
              to={`${viewBase}?id=${encodeURIComponent(r.ftmId)}`}
              className="btn btn-quiet"
              data-testid="ftm-row-view"
            >
              {t('devices.actions.view')}
            </Link>
            {admin ? (
              <ActionButton
                label={`${t('devices.actions.approve')} / ${t('devices.actions.reject')}`}
                disabledReason={r.status === 'pending_approval' ? null : t('errors.PD_FTM_001')}
                testId="ftm-row-decide"
                onClick={() => setDeciding(r)}
              />
            ) : (
              <ActionButton
                label={t('devices.actions.manageCertificate')}
                disabledReason={canUpload(r.status) ? null : t('devices.ftm.upload.notAllowed')}
                testId="ftm-row-upload"
                onClick={() => setUploading(r)}
              />
            )}
            <ActionButton
              label={t('devices.actions.download')}
              disabledReason={canDownload(r) ? null : t('devices.ftm.cannotDownload')}
              testId="ftm-row-download"
              onClick={() => void download(r.ftmId, () => fetchOnce('ftm.downloadCertificate', { ftmId: r.ftmId }))}
            />
            <ActionButton
              label={t('devices.actions.deactivate')}
              disabledReason={r.status === 'approved' ? null : t('errors.PMS_FTM_ERROR_010')}
              testId="ftm-row-deactivate"
              onClick={() => setStopping(r)}
            />
          </span>
        ),
      },
    );
    return cols;
  }, [t, admin, viewBase, download]);

  const statusOptions = [
    ...(['approved', 'pending_approval', 'pending_cert_upload', 'rejected', 'deactivated'] as const).map((s) => ({
      value: s,
      label: t(`devices.status.${s}`),
    })),
  ];
  return (
    <div className="space-y-4" aria-busy={downloading !== null}>
      <FormError error={downloadError} />
      <ListView
        list={list}
        columns={columns}
        rowKey={(r) => r.ftmId}
        label={admin ? t('devices.adminFtm.title') : t('devices.ftm.title')}
        empty={admin ? t('devices.adminFtm.empty') : t('devices.ftm.empty')}
        ids={listIds('ftm-table', {
          pager: pagerIds('ftm-pager'),
          filters: filterIds('ftm-filters'),
        })}
        minWidth={admin ? '84rem' : '100rem'}
        rowHeight={52}
        filters={[
          ...(admin
            ? [
                { name: 'partnerId' as const, label: t('devices.cols.partnerId'), ltr: true },
                { name: 'orgName' as const, label: t('devices.cols.orgName') },
              ]
            : []),
          { name: 'ftmId', label: t('devices.cols.ftmId'), ltr: true },
          { name: 'make', label: t('devices.cols.make') },
          { name: 'model', label: t('devices.cols.model') },
          { name: 'status', label: t('devices.cols.status'), options: statusOptions },
        ]}
      />
      {uploading ? <FtmCertificateDialog chip={uploading} onClose={() => setUploading(null)} /> : null}
      {deciding ? (
        <DecideDialog
          title={t('devices.adminFtm.decideTitle', { make: deciding.make, model: deciding.model })}
          text={t('devices.adminFtm.decideText', {
            make: deciding.make,
            model: deciding.model,
            partner: deciding.partnerId,
            org: deciding.orgName,
          })}
          approveBlocked={deciding.isCertificateAvailable ? null : t('devices.adminFtm.approveDisabled')}
          testId="ftm-decide-dialog"
          onClose={() => setDeciding(null)}
          onDecide={(decision) => decide.call({ ftmId: deciding.ftmId, decision })}
        />
      ) : null}
      {stopping ? (
        <ConfirmDialog
          danger
          title={t('devices.ftm.deactivateTitle', { make: stopping.make, model: stopping.model })}
          body={t('devices.ftm.deactivateText', { make: stopping.make, model: stopping.model })}
          confirmLabel={t('devices.actions.deactivate')}
          testId="ftm-deactivate-dialog"
          onClose={() => setStopping(null)}
          onConfirm={() => deactivate.call({ ftmId: stopping.ftmId })}
        />
      ) : null}
    </div>
  );
}

export function FtmListScreen() {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('devices.ftm.title')}
        description={t('devices.ftm.description')}
        actions={
          <Link to="/provider/ftm/add" className="btn btn-primary" data-testid="add-ftm-link">
            {t('devices.ftm.add')}
          </Link>
        }
      />
      <FtmList admin={false} />
    </div>
  );
}

export function AdminFtmScreen() {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <PageHeader title={t('devices.adminFtm.title')} description={t('devices.adminFtm.description')} />
      <FtmList admin />
    </div>
  );
}

type FtmFields = { partnerId: string; make: string; model: string };

/** Add FTM (pms.md §1.7): make and model; the certificate is the next step. */
export function AddFtmScreen() {
  const { t } = useTranslation();
  const { field } = useErrorText();
  const ids = useActivePartnerIds('FTM_Provider');
  const [values, setValues] = useState<FtmFields>({ partnerId: '', make: '', model: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof FtmFields, string>>>({});
  const create = useCommand('ftm.create');
  const { error, pending: busy } = create;
  const dirty = useRef(false);
  useUnsavedGuard(useCallback(() => dirty.current, []));
  // A single partner id is chosen for the user.
  const partnerId = values.partnerId || (ids?.length === 1 ? (ids[0] ?? '') : '');
  const change = (name: keyof FtmFields) => (value: string) => {
    dirty.current = true;
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => ({ ...e, [name]: undefined }));
  };
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Partial<Record<keyof FtmFields, string>> = {};
    for (const key of ['partnerId', 'make', 'model'] as const)
      if (!{ ...values, partnerId }[key].trim()) problems[key] = 'required';
    setErrors(problems);
    create.reset();
    if (Object.keys(problems).length) return;
    try {
      const chip = await create.call({ ...values, partnerId });
      dirty.current = false;
      navigate(`/provider/ftm/added?id=${encodeURIComponent(chip.ftmId)}`, { force: true });
    } catch (e) {
      const code = toApiError(e).code;
      if (code === 'PMP_AUT_032') setErrors({ model: code });
      if (code === 'PMP_AUT_030') setErrors({ partnerId: code });
    }
  }
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title={t('devices.ftm.form.title')}
        description={t('devices.ftm.form.description')}
        back={{ to: '/provider/ftm', label: t('devices.ftm.title') }}
      />
      <form noValidate onSubmit={(e) => void submit(e)} className="panel space-y-4 p-6" data-testid="add-ftm-form">
        <FormError error={error} />
        {ids !== null && ids.length === 0 ? (
          <p role="note" className="rounded-md bg-wait-bg p-3 text-sm text-wait-fg" data-testid="add-ftm-no-partner">
            {t('devices.ftm.form.noPartner')}
          </p>
        ) : null}
        <SelectField
          name="partnerId"
          label={t('devices.ftm.form.partner')}
          value={partnerId}
          onChange={change('partnerId')}
          options={(ids ?? []).map((id) => ({ value: id, label: id }))}
          placeholder={t('devices.sbi.form.choosePartner')}
          error={errors.partnerId ? field(errors.partnerId) : undefined}
          required
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            name="make"
            label={t('devices.ftm.form.make')}
            value={values.make}
            onChange={change('make')}
            required
            error={errors.make ? field(errors.make) : undefined}
          />
          <TextField
            name="model"
            label={t('devices.ftm.form.model')}
            value={values.model}
            onChange={change('model')}
            required
            error={errors.model ? field(errors.model) : undefined}
          />
        </div>
        <div className="flex justify-end gap-2">
          <Link to="/provider/ftm" className="btn btn-secondary" data-testid="add-ftm-cancel">
            {t('devices.ftm.form.cancel')}
          </Link>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy}
            aria-busy={busy}
            data-testid="add-ftm-submit"
          >
            {t('devices.ftm.form.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** Success page after Add FTM with "Upload FTM Chip Certificate" as the next step. */
export function FtmAddedScreen() {
  const { t } = useTranslation();
  const id = useRoute().query.get('id');
  const { data } = useRecord('ftm.get', id ? { ftmId: id } : null);
  const [uploading, setUploading] = useState(false);
  return (
    <>
      <Done
        title={t('devices.ftm.added.title')}
        description={t('devices.ftm.added.description', {
          make: data?.make ?? '',
          model: data?.model ?? '',
        })}
        testId="ftm-added"
      >
        <button
          type="button"
          className="btn btn-primary"
          disabled={!data}
          onClick={() => setUploading(true)}
          data-testid="ftm-added-upload"
        >
          {t('devices.ftm.added.upload')}
        </button>
        <Link to="/provider/ftm" className="btn btn-secondary" data-testid="confirmation-back">
          {t('devices.ftm.added.back')}
        </Link>
      </Done>
      {uploading && data ? (
        <FtmCertificateDialog chip={data} onClose={() => (setUploading(false), navigate('/provider/ftm'))} />
      ) : null}
    </>
  );
}

/** One FTM chip with its certificate; the admin and the provider download it from here. */
export function FtmDetailScreen({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const id = useRoute().query.get('id');
  const { data, error } = useRecord('ftm.get', id ? { ftmId: id } : null);
  const { download, error: downloadError } = useDownload();
  const back = admin
    ? { to: '/admin/ftm', label: t('devices.adminFtm.title') }
    : { to: '/provider/ftm', label: t('devices.ftm.title') };
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <PageHeader
        title={data ? t('devices.ftm.detailTitle', { make: data.make, model: data.model }) : t('devices.ftm.title')}
        back={back}
      />
      <FormError error={error ?? downloadError} />
      {data ? (
        <div className="panel space-y-4 p-6" data-testid="ftm-detail">
          <Facts
            items={[
              { label: t('devices.cols.ftmId'), value: <bdi dir="ltr">{data.ftmId}</bdi> },
              { label: t('devices.cols.partnerId'), value: <bdi dir="ltr">{data.partnerId}</bdi> },
              { label: t('devices.cols.orgName'), value: data.orgName },
              { label: t('devices.cols.make'), value: data.make },
              { label: t('devices.cols.model'), value: data.model },
              {
                label: t('devices.cols.status'),
                value: <DeviceBadge status={data.status} testId="ftm-detail-status" />,
              },
              {
                label: t('devices.cols.created'),
                value: <DateText iso={data.createdDateTime} time />,
              },
              {
                label: t('devices.cols.updated'),
                value: <DateText iso={data.updatedDateTime} time />,
              },
            ]}
          />
          <h2 className="text-base font-semibold">{t('devices.ftm.certificate')}</h2>
          {data.isCertificateAvailable ? (
            <>
              <Facts
                testId="ftm-detail-certificate"
                items={[
                  { label: t('devices.cols.issuedTo'), value: data.certificateIssuedTo ?? '—' },
                  { label: t('devices.cols.issuedBy'), value: data.certificateIssuedBy ?? '—' },
                  {
                    label: t('devices.cols.certUploaded'),
                    value: <DateText iso={data.certificateUploadDateTime} time />,
                  },
                  {
                    label: t('devices.cols.certExpiry'),
                    value: <DateText iso={data.certificateExpiryDateTime} time />,
                  },
                ]}
              />
              <ActionButton
                label={t('devices.actions.download')}
                disabledReason={canDownload(data) ? null : t('devices.ftm.cannotDownload')}
                testId="ftm-detail-download"
                onClick={() =>
                  void download(data.ftmId, () => fetchOnce('ftm.downloadCertificate', { ftmId: data.ftmId }))
                }
              />
            </>
          ) : (
            <p className="text-slate-600">{t('devices.ftm.noCertificate')}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
