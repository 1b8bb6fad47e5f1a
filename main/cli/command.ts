import type { Core } from '../core/index.ts';

/**
 * The shape of one CLI command. Its own module: the command table (commands.ts) imports the
 * commands that have files of their own (sbi.ts, release.ts), and those need only this type.
 */
export type Values = Record<string, string | boolean | string[] | undefined>;
export interface Io {
  dataDir: string;
  stdout: NodeJS.WritableStream;
  /** Words after the command, for commands that declare subcommands (`jobs run`). */
  positionals?: string[];
}
export interface CliCommand {
  summary: string;
  /** `multiple`: the option may repeat (its value is then a string[]). */
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
  subcommands?: readonly string[];
  run(core: Core, values: Values, io: Io): Promise<number>;
}
