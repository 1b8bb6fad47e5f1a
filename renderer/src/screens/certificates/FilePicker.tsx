import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FILE_BASE64 } from '../../lib/certificates.ts';
import { readFileAsBase64, type ChosenFile } from '../../lib/files.ts';
import { formatFileSize } from '../../lib/file-size.ts';
import { intlLocale } from '../../i18n/index.ts';
import { useUi } from '../../stores/ui.ts';

type Problem = 'fileTooLarge' | 'fileUnreadable' | 'fileRequired';

interface FilePickerProps {
  label: string;
  hint: string;
  accept: string;
  name: string;
  file: ChosenFile | null;
  onChange: (file: ChosenFile | null) => void;
  /** Set by the form when it was submitted without a file. */
  missing?: boolean;
  testId?: string;
}

/** A labelled native file input (keyboard and screen-reader friendly) that reads the file as base64. */
export function FilePicker({ label, hint, accept, name, file, onChange, missing = false, testId }: FilePickerProps) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const id = useId();
  const [problem, setProblem] = useState<Problem | null>(null);
  const reading = useRef(0);
  const shown: Problem | null = problem ?? (missing && !file ? 'fileRequired' : null);

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0];
    const request = ++reading.current;
    setProblem(null);
    if (!picked) return onChange(null);
    try {
      const read = await readFileAsBase64(picked);
      if (request !== reading.current) return;
      if (read.contentBase64.length > MAX_FILE_BASE64 || read.size === 0) {
        setProblem(read.size === 0 ? 'fileUnreadable' : 'fileTooLarge');
        return onChange(null);
      }
      onChange(read);
    } catch {
      if (request !== reading.current) return;
      setProblem('fileUnreadable');
      onChange(null);
    }
  }

  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {/* The native control says "Choose File" in the browser's language; this one in the UI's. */}
      <div
        className={`flex items-center gap-3 rounded-md border bg-white p-1.5 ${shown ? 'border-red-600' : 'border-slate-300'}`}
      >
        <input
          id={id}
          name={name}
          type="file"
          accept={accept}
          onChange={(event) => void pick(event)}
          aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ''}`}
          aria-invalid={shown !== null}
          aria-required
          data-testid={testId}
          className="peer sr-only"
        />
        <label
          htmlFor={id}
          className="btn cursor-pointer bg-brand-50 px-3 py-1.5 text-brand-700 hover:bg-brand-100 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-500"
        >
          {t('certificates.chooseFile')}
        </label>
        <span className="min-w-0 truncate text-slate-700" data-testid={testId ? `${testId}-name` : undefined}>
          {file
            ? t('certificates.fileChosen', {
                name: file.fileName,
                size: formatFileSize(file.size, intlLocale(lang)),
              })
            : t('certificates.noFile')}
        </span>
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      {shown ? (
        <p id={`${id}-error`} role="alert" className="field-error" data-testid={`field-error-${name}`}>
          {t(`certificates.${shown}`)}
        </p>
      ) : null}
    </div>
  );
}
