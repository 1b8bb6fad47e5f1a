import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API can be refused (permissions, insecure origin); fall back to a hidden textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'fixed -top-96 opacity-0';
    document.body.append(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    return done;
  }
}

function CopyIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      className="size-3.5"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
    >
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h1" />
    </svg>
  );
}

interface CopyButtonProps {
  value: string;
  /** What is copied, for the accessible name ("Copy Partner ID"). */
  label: string;
  testId?: string;
}

export function CopyButton({ value, label, testId = 'copy-button' }: CopyButtonProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <button
      type="button"
      className="btn-quiet btn ms-1 px-1.5 py-0.5 text-xs"
      aria-label={t('common.copyLabel', { label })}
      title={t('common.copyLabel', { label })}
      data-testid={testId}
      onClick={() => void writeClipboard(value).then(setCopied)}
    >
      <CopyIcon />
      <span role="status" className={copied ? '' : 'sr-only'}>
        {copied ? t('common.copied') : ''}
      </span>
    </button>
  );
}

/** An identifier shown left-to-right in monospace, with its copy button. */
export function CopyableId({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <span className="inline-flex items-center">
      <span dir="ltr" className="font-mono text-[0.85em]" data-testid={testId}>
        {value}
      </span>
      <CopyButton value={value} label={label} testId={testId ? `${testId}-copy` : undefined} />
    </span>
  );
}
