import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { AppError } from '../contract/index.ts';
import type { Output } from '../contract/index.ts';
import { METADATA_NAME } from '../contract/methods/releases.ts';
import type { Core } from '../core/index.ts';
import type { ReleaseMetadata } from '../core/releases/metadata.ts';
import { hashFile, parseMetadata } from '../core/releases/metadata.ts';
import { importArtefact } from '../core/releases/store.ts';
import type { CliCommand } from './command.ts';
import { UsageError } from './usage.ts';

type Values = Record<string, string | boolean | string[] | undefined>;
type Out = NodeJS.WritableStream;
const print = (out: Out, value: unknown) => out.write(`${JSON.stringify(value)}\n`);

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

/** Signs in as the admin named by --login (password on stdin): publishing goes through the role gate like any call. */
async function signIn(core: Core, v: Values): Promise<string> {
  if (typeof v.login !== 'string')
    throw new UsageError('--login <admin username> is required (the password is read from stdin)');
  const r = await core.dispatch('auth.login', null, {
    login: v.login,
    password: await readPassword(),
  });
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  return (r.result as Output<'auth.login'>).token;
}

interface Checked {
  metadataName: string;
  text: string;
  metadata: ReleaseMetadata;
}

/**
 * Reads every latest*.yml in the folder and checks each artefact it names against it (sha512 and
 * size) before anything is stored: one mismatch refuses the whole folder (PD_UPDATE_002).
 */
export async function checkReleaseDir(dir: string): Promise<Checked[]> {
  const names = readdirSync(dir)
    .filter((n) => METADATA_NAME.test(n))
    .sort();
  if (names.length === 0)
    throw new AppError(
      'PD_UPDATE_001',
      `${dir} holds no latest*.yml: point at electron-builder's output folder (out/).`,
    );
  const checked: Checked[] = [];
  for (const metadataName of names) {
    const text = readFileSync(join(dir, metadataName), 'utf8');
    const metadata = parseMetadata(text);
    for (const file of metadata.files) {
      const path = join(dir, file.url);
      let seen: { sha512: string; size: number };
      try {
        if (!statSync(path).isFile()) throw new Error('not a file');
        seen = await hashFile(path);
      } catch {
        throw new AppError('PD_UPDATE_002', `${metadataName} names ${file.url}, which is not in ${dir}.`, {
          file: file.url,
        });
      }
      if (seen.size !== file.size)
        throw new AppError('PD_UPDATE_002', `${file.url} has ${seen.size} bytes; ${metadataName} says ${file.size}.`, {
          file: file.url,
        });
      if (seen.sha512 !== file.sha512)
        throw new AppError('PD_UPDATE_002', `The sha512 of ${file.url} differs from ${metadataName}.`, {
          file: file.url,
        });
    }
    checked.push({ metadataName, text, metadata });
  }
  return checked;
}

async function publish(core: Core, v: Values, positionals: string[], out: Out): Promise<number> {
  const dirArg = positionals[1];
  if (!dirArg)
    throw new UsageError('usage: release publish <folder> --channel stable|beta [--rollout 1..100] --login <admin>');
  const channel = v.channel;
  if (channel !== 'stable' && channel !== 'beta')
    throw new UsageError(`--channel must be stable or beta, not "${String(channel)}"`);
  const rollout = v.rollout === undefined ? 100 : Number(v.rollout);
  if (!Number.isInteger(rollout) || rollout < 1 || rollout > 100)
    throw new UsageError('--rollout must be a whole percentage, 1..100');
  const token = await signIn(core, v);
  try {
    const results = await publishReleaseDir(core, token, resolve(dirArg), channel, rollout);
    for (const r of results) print(out, r);
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await core.dispatch('auth.logout', token, {});
  }
}

/**
 * What `release publish` does with a signed-in admin's session: checks the folder, copies the
 * artefacts into the release store, then one `releases.publish` command per latest*.yml (which
 * checks the stored copies again, signs and serves). Refusals are AppErrors with their code.
 */
export async function publishReleaseDir(
  core: Core,
  token: string,
  dir: string,
  channel: 'stable' | 'beta',
  rollout: number,
) {
  const checked = await checkReleaseDir(dir);
  for (const c of checked)
    for (const file of c.metadata.files) await importArtefact(core.deps.dataDir, join(dir, file.url), file);
  const results = [];
  for (const c of checked) {
    const r = await core.dispatch('releases.publish', token, {
      channel,
      metadataName: c.metadataName,
      metadata: c.text,
      rollout,
    });
    results.push({ metadataName: c.metadataName, ...r });
  }
  return results;
}

async function key(core: Core, v: Values, out: Out): Promise<number> {
  const token = await signIn(core, v);
  const r = await core.dispatch('releases.list', token, {});
  await core.dispatch('auth.logout', token, {});
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  const { publicKey } = r.result as Output<'releases.list'>;
  print(out, { publicKey, configField: 'updates.releaseKey' });
  return publicKey ? 0 : 1;
}

export const releaseCommand: CliCommand = {
  summary:
    "release publish <folder> --channel stable|beta [--rollout N] --login ADMIN: check electron-builder's latest*.yml against the installers, store, sign and serve them; release key --login ADMIN: the public key desks pin (password on stdin)",
  options: { channel: { type: 'string' }, rollout: { type: 'string' }, login: { type: 'string' } },
  subcommands: ['publish', 'key'],
  async run(core, v, io) {
    const positionals = io.positionals ?? [];
    try {
      if (positionals[0] === 'publish') return await publish(core, v, positionals, io.stdout);
      if (positionals[0] === 'key') return await key(core, v, io.stdout);
      throw new UsageError(
        'usage: release publish <folder> --channel stable|beta [--rollout N] --login ADMIN | release key --login ADMIN',
      );
    } catch (err) {
      // A refusal is an answer, not a crash: its stable code on stdout, exit 1.
      if (!(err instanceof AppError)) throw err;
      print(io.stdout, { ok: false, error: err.toBody() });
      return 1;
    }
  },
};
