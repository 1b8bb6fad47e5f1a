/** A command line the command cannot run: the CLI prints the message and exits 2 (not 1, which means "ran and failed"). */
export class UsageError extends Error {
  override name = 'UsageError';
}
