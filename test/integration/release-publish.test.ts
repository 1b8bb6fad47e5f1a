import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { releasePublicKey, verifyDocument } from '../../main/core/releases/key.ts';
import { releaseFilesDir } from '../../main/core/releases/store.ts';
import { publishReleaseDir } from '../../main/cli/release.ts';
import type { Output } from '../../main/contract/index.ts';
import { ADMIN, partnerInput } from '../helpers/core.ts';
import { testServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';
import { installerBytes, LINUX_FEED, writeLinuxRelease } from '../helpers/releases.ts';

const root = join(import.meta.dirname, '..', '..');
let server: TestServer;
let work: string;
let token: string;

async function get(path: string): Promise<{ status: number; body: Buffer; type: string | null }> {
  const res = await fetch(`http://127.0.0.1:${server.host.port}${path}`);
  return {
    status: res.status,
    body: Buffer.from(await res.arrayBuffer()),
    type: res.headers.get('content-type'),
  };
}

async function list(): Promise<Output<'releases.list'>> {
  const r = await server.core.dispatch('releases.list', token, {});
  if (!r.ok) throw new Error(r.error.code);
  return r.result as Output<'releases.list'>;
}

beforeAll(async () => {
  server = await testServer({ insecure: true });
  work = mkdtempSync(join(tmpdir(), 'pd-release-'));
  const login = await server.core.dispatch('auth.login', null, {
    login: ADMIN.username,
    password: ADMIN.password,
  });
  if (!login.ok) throw new Error(login.error.code);
  token = (login.result as Output<'auth.login'>).token;
});
afterAll(async () => server.close());

describe('release publish: the folder is checked against its metadata', () => {
  it('refuses a folder whose installer differs from latest-linux.yml; nothing is stored or served', async () => {
    const dir = writeLinuxRelease(work, '0.9.0');
    const deb = join(dir, 'partner-desk_0.9.0_amd64.deb');
    const bytes = readFileSync(deb);
    bytes.writeUInt8(bytes.readUInt8(1000) ^ 0xff, 1000); // same size, different bytes
    writeFileSync(deb, bytes);
    await expect(publishReleaseDir(server.core, token, dir, 'stable', 100)).rejects.toMatchObject({
      code: 'PD_UPDATE_002',
    });
    writeFileSync(deb, bytes.subarray(0, 1000)); // and a truncated one
    await expect(publishReleaseDir(server.core, token, dir, 'stable', 100)).rejects.toMatchObject({
      code: 'PD_UPDATE_002',
      message: expect.stringContaining('1000 bytes'),
    });
    expect((await list()).releases).toEqual([]);
    expect(existsSync(releaseFilesDir(server.dataDir)) ? readdirSync(releaseFilesDir(server.dataDir)) : []).toEqual([]);
    expect((await get(`/updates/stable/${LINUX_FEED}`)).status).toBe(404);
  });

  it('refuses metadata that is not electron-builder’s, or names a path instead of a file', async () => {
    const dir = writeLinuxRelease(work, '0.9.1');
    const yml = join(dir, LINUX_FEED);
    writeFileSync(yml, 'version: 0.9.1\nfiles:\n  - url: ../../etc/passwd\n    sha512: x\n    size: 1\n');
    await expect(publishReleaseDir(server.core, token, dir, 'stable', 100)).rejects.toMatchObject({
      code: 'PD_UPDATE_001',
    });
    writeFileSync(yml, '{{{ not yaml');
    await expect(publishReleaseDir(server.core, token, dir, 'stable', 100)).rejects.toMatchObject({
      code: 'PD_UPDATE_001',
    });
    writeFileSync(yml, 'version: latest\nfiles: []\n');
    await expect(publishReleaseDir(server.core, token, dir, 'stable', 100)).rejects.toMatchObject({
      code: 'PD_UPDATE_001',
    });
    const empty = mkdtempSync(join(work, 'empty-'));
    await expect(publishReleaseDir(server.core, token, empty, 'stable', 100)).rejects.toMatchObject({
      code: 'PD_UPDATE_001',
    });
  });

  it('the core checks the stored copies itself: a direct call naming bytes never stored is refused', async () => {
    const dir = writeLinuxRelease(work, '0.9.2');
    const r = await server.core.dispatch('releases.publish', token, {
      channel: 'stable',
      metadataName: LINUX_FEED,
      metadata: readFileSync(join(dir, LINUX_FEED), 'utf8'),
      rollout: 100,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'PD_UPDATE_002' } });
  });

  it('publishes, signs and serves the feed with its artefact; the release key verifies it', async () => {
    const dir = writeLinuxRelease(work, '1.1.0', { notes: 'Faster sync.' });
    const [result] = await publishReleaseDir(server.core, token, dir, 'stable', 100);
    expect(result).toMatchObject({
      ok: true,
      metadataName: LINUX_FEED,
      result: { version: '1.1.0', channel: 'stable', rollout: 100 },
    });
    const { publicKey, releases, channels } = await list();
    expect(publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(releases).toMatchObject([
      {
        version: '1.1.0',
        served: true,
        releaseNotes: 'Faster sync.',
        publishedBy: expect.any(String),
      },
    ]);
    expect(channels.find((c) => c.channel === 'stable')).toMatchObject({
      policy: 'ask',
      pinnedVersion: null,
    });

    const doc = await get(`/updates/stable/${LINUX_FEED}`);
    const sig = await get(`/updates/stable/${LINUX_FEED}.sig`);
    expect(doc.status).toBe(200);
    expect(
      verifyDocument(releasePublicKey(Buffer.from(publicKey!, 'base64')), doc.body, sig.body.toString('utf8')),
    ).toBe(true);
    const parsed = load(doc.body.toString('utf8')) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      version: '1.1.0',
      partnerDesk: { channel: 'stable', metadataName: LINUX_FEED, policy: 'ask', pinned: false },
    });
    expect(parsed.stagingPercentage).toBeUndefined();
    const artefact = await get('/updates/stable/partner-desk_1.1.0_amd64.deb');
    expect(artefact.body.equals(installerBytes('1.1.0', 256 * 1024))).toBe(true);
    // Not on another channel, not by another name, not outside the folder.
    expect((await get('/updates/beta/partner-desk_1.1.0_amd64.deb')).status).toBe(404);
    expect((await get(`/updates/beta/${LINUX_FEED}`)).status).toBe(404);
    expect((await get('/updates/stable/..%2F..%2Fkeys%2Fkek.key')).status).toBe(404);
    expect((await get('/updates/nightly/latest.yml')).status).toBe(404);

    const again = await publishReleaseDir(server.core, token, dir, 'stable', 100);
    expect(again[0]).toMatchObject({ ok: false, error: { code: 'PD_UPDATE_003' } });
    const audit = server.core.db.reader
      .prepare("SELECT result, error_code FROM app_audit_log WHERE action = 'releases.publish' ORDER BY rowid")
      .all();
    expect(audit).toContainEqual({ result: 'success', error_code: null });
    expect(audit).toContainEqual({ result: 'failure', error_code: 'PD_UPDATE_003' });
  });

  it('stages a rollout in the signed feed and re-signs when the admin changes it, the policy or the pin', async () => {
    const [published] = await publishReleaseDir(server.core, token, writeLinuxRelease(work, '1.2.0'), 'stable', 10);
    expect(published).toMatchObject({ ok: true });
    const feed = async () =>
      load((await get(`/updates/stable/${LINUX_FEED}`)).body.toString('utf8')) as {
        version: string;
        stagingPercentage?: number;
        partnerDesk: { policy: string; pinned: boolean };
      };
    expect(await feed()).toMatchObject({ version: '1.2.0', stagingPercentage: 10 });
    const id = (published as { result: { releaseId: string } }).result.releaseId;
    expect(await server.core.dispatch('releases.setRollout', token, { releaseId: id, rollout: 50 })).toMatchObject({
      ok: true,
    });
    expect(await feed()).toMatchObject({ stagingPercentage: 50 });
    expect(await server.core.dispatch('releases.setRollout', token, { releaseId: 'nope', rollout: 50 })).toMatchObject({
      ok: false,
      error: { code: 'PD_UPDATE_005' },
    });
    expect(await server.core.dispatch('releases.setRollout', token, { releaseId: id, rollout: 0 })).toMatchObject({
      ok: false,
      error: { code: 'PMS_COR_002' },
    });
    expect(
      await server.core.dispatch('releases.setChannel', token, {
        channel: 'stable',
        policy: 'automatic',
        pinnedVersion: '3.0.0',
      }),
    ).toMatchObject({ ok: false, error: { code: 'PD_UPDATE_004' } });
    expect(
      await server.core.dispatch('releases.setChannel', token, {
        channel: 'stable',
        policy: 'automatic',
        pinnedVersion: '1.1.0',
      }),
    ).toMatchObject({ ok: true });
    expect(await feed()).toMatchObject({
      version: '1.1.0',
      partnerDesk: { policy: 'automatic', pinned: true },
    });
    expect(
      await server.core.dispatch('releases.setChannel', token, {
        channel: 'stable',
        policy: 'ask',
        pinnedVersion: null,
      }),
    ).toMatchObject({ ok: true });
    expect(await feed()).toMatchObject({
      version: '1.2.0',
      partnerDesk: { policy: 'ask', pinned: false },
    });
  });

  it('is for admins only: a partner is refused at the door, before any input is read', async () => {
    expect(await server.core.dispatch('auth.register', null, partnerInput(1))).toMatchObject({
      ok: true,
    });
    const login = await server.core.dispatch('auth.login', null, {
      login: 'partner-1',
      password: 'Partn3r-Pass!',
    });
    if (!login.ok) throw new Error(login.error.code);
    const partner = (login.result as Output<'auth.login'>).token;
    expect(await server.core.dispatch('releases.list', partner, {})).toMatchObject({
      ok: false,
      error: { code: 'PD_AUTH_004' },
    });
    expect(
      await server.core.dispatch('releases.publish', partner, {
        channel: 'stable',
        metadataName: LINUX_FEED,
        metadata: 'x',
        rollout: 100,
      }),
    ).toMatchObject({ ok: false, error: { code: 'PD_AUTH_004' } });
    expect(await server.core.dispatch('releases.list', null, {})).toMatchObject({
      ok: false,
      error: { code: 'PD_AUTH_003' },
    });
  });
});

describe('npm run cli -- release', () => {
  const cli = (args: string[], stdin: string) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'main/cli/index.ts', 'release', ...args, '--data-dir', server.dataDir],
      { cwd: root, input: stdin, encoding: 'utf8' },
    );

  it('publishes a folder as the admin and prints the key desks pin; a wrong password or a bad folder is a clear refusal', () => {
    const dir = writeLinuxRelease(work, '1.3.0-beta.1');
    const ok = cli(
      ['publish', dir, '--channel', 'beta', '--rollout', '25', '--login', ADMIN.username],
      `${ADMIN.password}\n`,
    );
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      ok: true,
      metadataName: LINUX_FEED,
      result: { version: '1.3.0-beta.1', channel: 'beta', rollout: 25 },
    });
    const key = cli(['key', '--login', ADMIN.username], `${ADMIN.password}\n`);
    expect(key.status).toBe(0);
    expect(JSON.parse(key.stdout)).toMatchObject({
      publicKey: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
      configField: 'updates.releaseKey',
    });

    const wrong = cli(['publish', dir, '--channel', 'beta', '--login', ADMIN.username], 'not-the-password\n');
    expect(wrong.status).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ ok: false, error: { code: 'PD_AUTH_001' } });
    const channel = cli(['publish', dir, '--channel', 'nightly', '--login', ADMIN.username], `${ADMIN.password}\n`);
    expect(channel.status).toBe(2);
    expect(channel.stderr).toContain('--channel must be stable or beta');
  });
});
