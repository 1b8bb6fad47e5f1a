import type { ApiError } from '../../api/errors.ts';

/** What the device or the ID service said, beyond the translated code (a check, IDA's own code). */
export function ErrorDetail({ error }: { error: ApiError | null }) {
  const detail = error?.params.reason ?? error?.params.serviceCode;
  return detail ? (
    <p className="text-xs text-slate-600" dir="ltr" data-testid="assisted-error-detail">
      {detail}
    </p>
  ) : null;
}
