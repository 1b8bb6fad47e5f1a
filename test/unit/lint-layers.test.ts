import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import layers from '../../eslint-rules/layers.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A pretend repository: the rule only looks at paths, never at the disk. */
const ROOT = join(process.cwd(), 'layers-fixture');
const options = [{ root: ROOT }];
const file = (rel: string) => join(ROOT, ...rel.split('/'));

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
});

type Case = { code: string; filename: string; options: typeof options };
type Invalid = Case & { errors: Array<{ messageId: string }> };
const ok = (rel: string, code: string): Case => ({ code, filename: file(rel), options });
const bad = (rel: string, code: string, messageId: string): Invalid => ({
  code,
  filename: file(rel),
  options,
  errors: [{ messageId }],
});

tester.run('local/layers', layers, {
  valid: [
    // electron host: anything
    ok('main/hosts/electron/main.ts', "import { app } from 'electron';"),
    ok('main/hosts/electron/updater.ts', "const u = await import('electron-updater');"),
    ok('main/hosts/electron/core-worker.ts', "import { openCore } from '../../core/index.ts';"),
    ok('main/hosts/electron/protocol.ts', "import { readFile } from 'node:fs/promises';"),
    // preload: electron + contract + own files
    ok('preload/index.ts', "import { contextBridge, ipcRenderer } from 'electron';"),
    ok('preload/index.ts', "import { METHOD_NAMES } from '../main/contract/index.ts';"),
    ok('preload/index.ts', "import type { CallResult } from '../main/contract/index.ts';"),
    ok('preload/util/channels.ts', "import { x } from '../index.ts';"),
    // contract: zod + own files
    ok('main/contract/index.ts', "import { z } from 'zod';"),
    ok('main/contract/methods/accounts.ts', "import { method } from '../spec.ts'; export * from '../common.ts';"),
    // renderer: web packages, own files, the contract
    ok('renderer/src/main.tsx', "import { createRoot } from 'react-dom/client';"),
    ok('renderer/src/api/transport.ts', "import type { PartnerDeskTransport } from '../../../main/contract/index.ts';"),
    ok('renderer/src/App.tsx', "import { useStore } from './store/session.ts'; import logo from './logo.svg?url';"),
    ok('renderer/src/lazy.ts', "const m = import('./screens/Dashboard.tsx');"),
    // node layers: Node and native modules fine, electron not
    ok('main/core/index.ts', "import Database from 'better-sqlite3'; import { join } from 'node:path';"),
    ok('main/store/db.ts', "import { openCore } from '../core/index.ts';"),
    ok(
      'main/hosts/web/server.ts',
      "import { openCore } from '../../core/index.ts'; import { createServer } from 'node:http';",
    ),
    ok('main/cli/index.ts', "import { openCore } from '../core/index.ts';"),
    ok('native/usb/enumerate.ts', "import { usb } from 'usb'; import HID from 'node-hid';"),
    // lib: packages, built-ins, its own files and the contract
    ok(
      'lib/pki/validate.ts',
      "import { createPublicKey } from 'node:crypto'; import { Worker } from 'worker_threads';",
    ),
    ok('lib/certificates/x509.ts', "import * as x509 from '@peculiar/x509'; import 'reflect-metadata';"),
    ok(
      'lib/pki/verdict.ts',
      "import type { ErrorCode } from '../../main/contract/index.ts'; export { PARTNER_DOMAINS } from '../../main/contract/index.ts';",
    ),
    ok('lib/keys/wrap.ts', "import { ensurePrivateDir } from '../private-files.ts';"),
    // native: its own files, lib and the contract
    ok(
      'native/hub/hub.ts',
      "import type { TrustStore } from '../../lib/pki/index.ts'; import type { Output } from '../../main/contract/index.ts';",
    ),
    ok(
      'native/virtual/pki-store.ts',
      "import { writePrivateFile } from '../../lib/private-files.ts'; import { toPem } from './pki.ts';",
    ),
    ok(
      'native/sbi/bench/session.ts',
      "import { runBench } from './runner.ts'; import { SbiClient } from '../client/sbi-client.ts';",
    ),
    // the core reaches the hardware through its own interface, and lib freely
    ok(
      'main/core/hardware/handlers.ts',
      "import type { WorkOwner } from './service.ts'; import { splitPem } from '../../../lib/pki/index.ts';",
    ),
    // hosts and the CLI wire native into the core
    ok('main/hosts/web/cli.ts', "import { createHardwareHub } from '../../../native/hub/create-hub.ts';"),
    ok('main/cli/index.ts', "import { createHardwareHub } from '../../native/hub/create-hub.ts';"),
    // elsewhere
    ok(
      'test/unit/x.test.ts',
      "import { contract } from '../../main/contract/index.ts'; import { App } from '../../renderer/src/App.tsx';",
    ),
    ok('scripts/build.mjs', "import { build } from 'esbuild';"),
    // not static: not judged
    ok('main/core/plugin.ts', 'const name = pick(); const m = await import(name);'),
  ],
  invalid: [
    // electron outside the electron host and preload
    bad('main/core/index.ts', "import { app } from 'electron';", 'electronOutsideHost'),
    bad('main/core/index.ts', "import type { WebContents } from 'electron';", 'electronOutsideHost'),
    bad('main/store/db.ts', "const { safeStorage } = require('electron');", 'electronOutsideHost'),
    bad('main/cli/index.ts', "import 'electron/main';", 'electronOutsideHost'),
    bad('main/hosts/web/server.ts', "export { app } from 'electron';", 'electronOutsideHost'),
    bad('native/hid/transport.ts', "const e = await import('electron');", 'electronOutsideHost'),
    bad('main/core/updates.ts', "import { autoUpdater } from 'electron-updater';", 'electronOutsideHost'),
    bad('main/core/types.ts', "type W = import('electron').BrowserWindow;", 'electronOutsideHost'),
    bad('main/core/legacy.ts', "import electron = require('electron');", 'electronOutsideHost'),
    bad('scripts/tool.mjs', "import { app } from 'electron';", 'electronOutsideHost'),
    bad('test/unit/x.test.ts', "import { ipcMain } from 'electron';", 'electronOutsideHost'),
    // preload
    bad('preload/index.ts', "import { readFileSync } from 'node:fs';", 'preloadOnly'),
    bad('preload/index.ts', "import { z } from 'zod';", 'preloadOnly'),
    bad('preload/index.ts', "import { openCore } from '../main/core/index.ts';", 'preloadOnly'),
    bad('preload/index.ts', "import { callChannel } from '../main/hosts/electron/guards.ts';", 'preloadOnly'),
    bad('preload/index.ts', "import { autoUpdater } from 'electron-updater';", 'preloadOnly'),
    // contract
    bad('main/contract/index.ts', "import { join } from 'node:path';", 'contractOnly'),
    bad('main/contract/index.ts', "import { randomUUID } from 'crypto';", 'contractOnly'),
    bad('main/contract/index.ts', "import React from 'react';", 'contractOnly'),
    bad('main/contract/methods/accounts.ts', "import { hashToken } from '../../core/dispatch.ts';", 'contractOnly'),
    bad('main/contract/index.ts', "export * from '../store/db.ts';", 'contractOnly'),
    // renderer
    bad('renderer/src/x.ts', "import { readFile } from 'node:fs/promises';", 'rendererBuiltin'),
    bad('renderer/src/x.ts', "import path from 'path';", 'rendererBuiltin'),
    bad('renderer/src/x.ts', "import { readFile } from 'fs/promises';", 'rendererBuiltin'),
    bad('renderer/src/x.ts', "import Database from 'better-sqlite3';", 'rendererNative'),
    bad('renderer/src/x.ts', "import { usb } from 'usb';", 'rendererNative'),
    bad('renderer/src/x.ts', "import HID from 'node-hid';", 'rendererNative'),
    bad('renderer/src/x.ts', "import { ipcRenderer } from 'electron';", 'rendererNative'),
    bad('renderer/src/x.ts', "import { openCore } from '../../main/core/index.ts';", 'rendererOutside'),
    bad('renderer/src/x.ts', "import type { Core } from '../../main/core/index.ts';", 'rendererOutside'),
    bad(
      'renderer/src/deep/x.ts',
      "import { startWebHost } from '../../../main/hosts/web/server.ts';",
      'rendererOutside',
    ),
    bad('renderer/src/x.ts', "import '../../preload/index.ts';", 'rendererOutside'),
    bad('renderer/src/x.ts', "const m = await import('../../native/sbi/client.ts');", 'rendererOutside'),
    bad('renderer/src/x.ts', "import secrets from '../../../outside-the-repo.ts';", 'rendererOutside'),
    // main-side code never imports UI code; the core never imports a host
    bad('main/core/index.ts', "import { App } from '../../renderer/src/App.tsx';", 'mainToUi'),
    bad('main/hosts/web/server.ts', "import '../../../preload/index.ts';", 'mainToUi'),
    bad('main/core/index.ts', "import { startWebHost } from '../hosts/web/server.ts';", 'coreToHost'),
    bad('main/store/db.ts', "import { run } from '../cli/index.ts';", 'coreToHost'),
    // the core never imports native/ (types included): HardwareService is its side of the seam
    bad('main/core/index.ts', "import { createHardwareHub } from '../../native/hub/create-hub.ts';", 'coreToNative'),
    bad(
      'main/core/hardware/registry.ts',
      "import type { DiscoveredSbiView } from '../../../native/hub/hub.ts';",
      'coreToNative',
    ),
    bad('main/core/deps.ts', "type H = import('../../native/hub/hub.ts').HardwareHub;", 'coreToNative'),
    bad('main/store/db.ts', "export * from '../../native/usb/catalogue.ts';", 'coreToNative'),
    // lib: nothing of the core, native, the hosts, the CLI, the UI; no native module, no electron
    bad('lib/pki/index.ts', "import type { CoreDeps } from '../../main/core/deps.ts';", 'libOutside'),
    bad('lib/pki/index.ts', "import { SbiClient } from '../../native/sbi/client/sbi-client.ts';", 'libOutside'),
    bad('lib/keys/wrap.ts', "import { fileLog } from '../../main/hosts/shared/file-log.ts';", 'libOutside'),
    bad('lib/keys/wrap.ts', "import { run } from '../../main/cli/index.ts';", 'libOutside'),
    bad('lib/x.ts', "import { App } from '../renderer/src/App.tsx';", 'libOutside'),
    bad('lib/x.ts', "import '../preload/index.ts';", 'libOutside'),
    bad('lib/x.ts', "import { x } from '../scripts/build.ts';", 'libOutside'),
    bad('lib/x.ts', "import { x } from '../../outside-the-repo.ts';", 'libOutside'),
    bad('lib/x.ts', "import Database from 'better-sqlite3';", 'libNative'),
    bad('lib/x.ts', "import { safeStorage } from 'electron';", 'electronOutsideHost'),
    // native: nothing of the core, the store, the hosts, the CLI, the UI
    bad('native/hub/hub.ts', "import type { Audience } from '../../main/core/events/audience.ts';", 'nativeOutside'),
    bad('native/hub/create-hub.ts', "import type { Config } from '../../main/core/config.ts';", 'nativeOutside'),
    bad(
      'native/virtual/pki.ts',
      "import { issueCertificate } from '../../main/core/certificates/issuer.ts';",
      'nativeOutside',
    ),
    bad('native/hub/x.ts', "import { openDatabase } from '../../main/store/db.ts';", 'nativeOutside'),
    bad('native/hub/x.ts', "import { startWebHost } from '../../main/hosts/web/server.ts';", 'nativeOutside'),
    bad('native/sbi/x.ts', "const m = await import('../../main/cli/sbi.ts');", 'nativeOutside'),
    bad('native/x.ts', "import { App } from '../renderer/src/App.tsx';", 'nativeOutside'),
    bad('native/x.ts', "import { t } from '../test/helpers/core.ts';", 'nativeOutside'),
    // the renderer never reaches lib/ either (Node code)
    bad('renderer/src/x.ts', "import { splitPem } from '../../lib/pki/index.ts';", 'rendererOutside'),
  ],
});
