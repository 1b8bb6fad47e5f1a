import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface SessionWarningProps {
  seconds: number;
  onStay: () => void;
  onSignOut: () => void;
}

/** Modal countdown before sign-out for inactivity; focus stays inside until a choice is made. */
export function SessionWarning({ seconds, onStay, onSignOut }: SessionWarningProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const descriptionId = useId();
  const stayRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    stayRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  function trapFocus(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Tab') return;
    const buttons = Array.from(dialogRef.current?.querySelectorAll<HTMLElement>('button') ?? []);
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-slate-900/50 p-4">
      <div
        ref={dialogRef}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        data-testid="session-warning"
        onKeyDown={trapFocus}
        className="panel w-full max-w-md p-6"
      >
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {t('sessionWarning.title')}
        </h2>
        <p id={descriptionId} className="mt-2 text-slate-700">
          {t('sessionWarning.description', { seconds })}
        </p>
        <p
          aria-hidden="true"
          className="mt-4 text-center font-mono text-3xl font-semibold text-wait-fg"
          data-testid="session-countdown"
        >
          {seconds}
        </p>
        <div className="mt-6 flex flex-wrap justify-end gap-2">
          <button type="button" className="btn btn-secondary" data-testid="session-sign-out" onClick={onSignOut}>
            {t('sessionWarning.signOut')}
          </button>
          <button ref={stayRef} type="button" className="btn btn-primary" data-testid="stay-signed-in" onClick={onStay}>
            {t('sessionWarning.stay')}
          </button>
        </div>
      </div>
    </div>
  );
}
