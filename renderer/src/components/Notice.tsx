/** A success message that is read out and stays until the next action. */
export function Notice({ text, testId = 'admin-notice' }: { text: string | null; testId?: string }) {
  if (!text) return null;
  return (
    <p
      role="status"
      className="rounded-md border border-ok-fg/30 bg-ok-bg px-3 py-2 text-sm text-ok-fg"
      data-testid={testId}
    >
      {text}
    </p>
  );
}
