import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface DownloadChoice {
  key: string;
  label: string;
  disabledReason?: string | undefined;
  testId: string;
}

interface DownloadMenuProps {
  label: string;
  choices: DownloadChoice[];
  /** Whole menu unavailable (expired, deactivated): shown as disabled, reason read out and on hover. */
  disabledReason?: string | undefined;
  busy: boolean;
  onChoose: (key: string) => void;
  testId: string;
}

/**
 * A menu button: Enter/Space/ArrowDown open it on the first item, arrows move, Escape closes and
 * returns focus, a click elsewhere closes it.
 */
export function DownloadMenu({ label, choices, disabledReason, busy, onChoose, testId }: DownloadMenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const reasonId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const disabled = disabledReason !== undefined;

  useEffect(() => {
    if (!open) return;
    itemRefs.current.find((item) => item && !item.disabled)?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function close(focusButton: boolean) {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const items = itemRefs.current.filter((item): item is HTMLButtonElement => item !== null && !item.disabled);
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      items[(at + 1) % items.length]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      items[(at - 1 + items.length) % items.length]?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  }

  return (
    <div ref={rootRef} className="relative inline-block" title={disabledReason}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-secondary"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-disabled={disabled || busy}
        aria-describedby={disabled ? reasonId : undefined}
        data-testid={testId}
        onClick={() => {
          if (!disabled && !busy) setOpen((o) => !o);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !disabled && !busy) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {label}
        <span aria-hidden="true">▾</span>
      </button>
      {disabled ? (
        <span id={reasonId} className="sr-only">
          {disabledReason}
        </span>
      ) : null}
      {open ? (
        <div
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKey}
          className="absolute start-0 z-30 mt-1 min-w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {choices.map((choice, i) => (
            <button
              key={choice.key}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              type="button"
              role="menuitem"
              disabled={choice.disabledReason !== undefined}
              title={choice.disabledReason}
              tabIndex={-1}
              data-testid={choice.testId}
              onClick={() => {
                close(true);
                onChoose(choice.key);
              }}
              className="block w-full px-4 py-2 text-start text-sm text-slate-800 hover:bg-brand-50 focus-visible:bg-brand-50 disabled:cursor-not-allowed disabled:text-slate-400"
            >
              {choice.label}
              {choice.disabledReason ? <span className="block text-xs">{choice.disabledReason}</span> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
