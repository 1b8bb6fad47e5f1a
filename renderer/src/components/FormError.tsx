import type { ApiError } from '../api/errors.ts';
import { useErrorText } from '../lib/errorText.ts';

/** Top-of-form banner: "CODE — translated message", announced by screen readers. */
export function FormError({ error }: { error: ApiError | null }) {
  const { banner } = useErrorText();
  if (!error) return null;
  return (
    <div role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-bad-bg px-3 py-2 text-sm text-bad-fg">
      {banner(error)}
    </div>
  );
}
