import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import type { Core } from '../core/index.ts';
import { defaultDataDir } from '../hosts/shared/data-dir.ts';
import { fileLog } from '../hosts/shared/file-log.ts';
import { backupCommands } from './backup.ts';
import type { StandaloneCommand } from './backup.ts';
import { COMMANDS } from './commands.ts';
import { UsageError } from './usage.ts';

/**
 * `npm run cli -- <command> [--data-dir DIR] [options]`: the same core as the app, for admins'
 * scripts. State changes go through core.dispatch like every other host.
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const standalone = name ? backupCommands[name] : undefined;
  if (standalone) return runStandalone(standalone, rest);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const usage = Object.entries({ ...COMMANDS, ...backupCommands })
      .map(([n, c]) => `  ${n.padEnd(14)} ${c.summary}`)
      .join('\n');
    (name && name !== 'help' ? console.error : console.log)(
      `${name && name !== 'help' ? `Unknown command "${name}".\n` : ''}Usage: npm run cli -- <command> [--data-dir DIR]\n\n${usage}`,
    );
    return name && name !== 'help' ? 2 : 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { 'data-dir': { type: 'string' }, ...command.options },
      allowPositionals: Boolean(command.subcommands),
      strict: true,
    });
  } catch (e) {
    console.error(`partner-desk: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const dataDir = resolve((values['data-dir'] as string | undefined) ?? defaultDataDir());
  const core: Core = openCore({
    hardware: createHardwareHub,
    dataDir,
    publicUrl: 'partnerdesk://',
    log: fileLog(dataDir),
  });
  try {
    return await command.run(core, values as Record<string, string | boolean | string[] | undefined>, {
      dataDir,
      stdout: process.stdout,
      positionals,
    });
  } finally {
    core.close();
  }
}

/** backup and restore: the core is never opened on the data directory (it may be served elsewhere, or be empty). */
async function runStandalone(command: StandaloneCommand, args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: { 'data-dir': { type: 'string' }, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    console.error(`partner-desk: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const dataDir = resolve((parsed.values['data-dir'] as string | undefined) ?? defaultDataDir());
  return command.run(parsed.values as Record<string, string | boolean | undefined>, {
    dataDir,
    stdout: process.stdout,
    positionals: parsed.positionals,
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`partner-desk: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
