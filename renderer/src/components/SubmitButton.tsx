interface SubmitButtonProps {
  busy: boolean;
  label: string;
  busyLabel: string;
  testId?: string;
}

export function SubmitButton({ busy, label, busyLabel, testId }: SubmitButtonProps) {
  return (
    <button
      type="submit"
      className="btn btn-primary w-full sm:w-auto"
      disabled={busy}
      aria-busy={busy}
      data-testid={testId}
    >
      {busy ? busyLabel : label}
    </button>
  );
}
