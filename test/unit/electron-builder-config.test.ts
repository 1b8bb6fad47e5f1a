import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import afterPack, { electronBinary, FUSES } from '../../scripts/release/after-pack.ts';
import { signingConfig } from '../../scripts/release/signing.ts';

// electron-builder's own validator (ajv over app-builder-lib/scheme.json), as `electron-builder` runs it.
const require = createRequire(import.meta.url);
const { validateSchema } = require('app-builder-lib/out/util/config/schemaValidator.js') as {
  validateSchema: (schema: unknown, data: unknown) => void;
};
const scheme: unknown = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
const config = load(readFileSync(join(import.meta.dirname, '..', '..', 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;

interface Targets {
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  asarUnpack: string[];
  publish: { provider: string; url: string };
  afterPack: string;
}

describe('electron-builder.yml', () => {
  // Compiling electron-builder's schema with ajv takes seconds on a busy machine.
  it("passes electron-builder's own schema", { timeout: 60_000 }, () => {
    expect(() => validateSchema(scheme, config)).not.toThrow();
  });

  it('the schema check can fail: an unknown option and a wrong type are refused', { timeout: 60_000 }, () => {
    expect(() => validateSchema(scheme, { ...config, electronFusez: {} })).toThrow(/electronFusez/);
    expect(() => validateSchema(scheme, { ...config, asar: 'sometimes' })).toThrow(/asar/);
  });

  it('builds every installer the desks need, with the update formats', () => {
    const c = config as unknown as Targets;
    expect(c.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(c.win.target).toEqual(['nsis']);
    // Squirrel.Mac updates from the zip; the dmg is for the first install.
    expect(c.mac.target).toEqual(['dmg', 'zip']);
    expect(c.publish.provider).toBe('generic');
    expect(c.afterPack).toBe('scripts/release/after-pack.cjs');
    for (const native of ['better-sqlite3', 'usb', 'node-hid'])
      expect(c.asarUnpack).toContain(`node_modules/${native}/**`);
    expect(config.npmRebuild).toBe(true);
  });

  it('stays valid with the signing settings of each environment merged in', { timeout: 60_000 }, () => {
    const azure = {
      PD_AZURE_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net',
      PD_AZURE_SIGNING_ACCOUNT: 'acct',
      PD_AZURE_CERT_PROFILE: 'prof',
      PD_AZURE_PUBLISHER_NAME: 'Partner Desk',
    };
    const merged = (os: 'win' | 'mac', env: Record<string, string>) => {
      const extra = signingConfig(os, env);
      return {
        ...config,
        ...Object.fromEntries(
          Object.entries(extra).map(([k, v]) => [k, { ...(config[k] as object), ...(v as object) }]),
        ),
      };
    };
    const win = merged('win', azure) as { win: { azureSignOptions: { publisherName: string } } };
    expect(win.win.azureSignOptions.publisherName).toBe('Partner Desk');
    expect(() => validateSchema(scheme, win)).not.toThrow();
    const mac = merged('mac', {
      CSC_NAME: 'Developer ID Application: X',
      APPLE_API_KEY: 'k.p8',
      APPLE_API_KEY_ID: 'id',
      APPLE_API_ISSUER: 'iss',
    }) as { mac: { notarize: boolean } };
    expect(mac.mac.notarize).toBe(true);
    expect(() => validateSchema(scheme, mac)).not.toThrow();
  });
});

describe('afterPack fuses', () => {
  it('decides every fuse the installed @electron/fuses knows', () => {
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    for (const fuse of known) expect(typeof (FUSES as Record<number, unknown>)[fuse]).toBe('boolean');
  });

  it('flips the fuse wire of the packed binary (an Electron-shaped file with a sentinel)', async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'pd-fuses-'));
    const context = {
      appOutDir,
      electronPlatformName: 'linux',
      packager: { appInfo: { productFilename: 'Partner Desk' }, executableName: 'partner-desk' },
    };
    const binary = electronBinary(context);
    expect(binary).toBe(join(appOutDir, 'partner-desk'));
    // Every fuse starts enabled ('1'), as in a stock Electron wire of version 1 with 8 fuses.
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.alloc(64, 7),
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
        Buffer.from([1, 8]),
        Buffer.alloc(8, 49),
        Buffer.alloc(16),
      ]),
    );
    await afterPack(context);
    const wire = await getCurrentFuseWire(binary);
    const enabled = (fuse: FuseV1Options) => (wire as unknown as Record<number, number>)[fuse] === 49;
    expect(enabled(FuseV1Options.RunAsNode)).toBe(false);
    expect(enabled(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(enabled(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
    expect(enabled(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
    expect(enabled(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe(false);
    expect(enabled(FuseV1Options.EnableCookieEncryption)).toBe(true);
    expect(enabled(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
    expect(enabled(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(electronBinary({ ...context, electronPlatformName: 'darwin' })).toBe(join(appOutDir, 'Partner Desk.app'));
    expect(electronBinary({ ...context, electronPlatformName: 'win32' })).toBe(join(appOutDir, 'partner-desk.exe'));
  });

  it('refuses a binary without a fuse wire rather than shipping unflipped fuses', async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'pd-fuses-'));
    writeFileSync(join(appOutDir, 'partner-desk'), Buffer.alloc(128, 1));
    await expect(
      afterPack({
        appOutDir,
        electronPlatformName: 'linux',
        packager: { appInfo: { productFilename: 'P' }, executableName: 'partner-desk' },
      }),
    ).rejects.toThrow(/sentinel/);
  });
});
