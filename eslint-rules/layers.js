// Local ESLint rule `local/layers`: which process a file runs in decides what it may import.
// The layer comes from the file's location in the repository; relative imports are resolved against
// the file's own path, so `../../main/core/x.ts` counts as main/core wherever it is written.
//
//   main/hosts/electron/**  the desktop host: may import anything (the only home of `electron`
//                           besides preload/)
//   preload/**              `electron` and main/contract only (plus its own files)
//   main/contract/**        `zod` and its own files only — it runs in every process
//   renderer/**             no Node built-ins, no native modules (better-sqlite3, usb, node-hid),
//                           no `electron`, nothing from main/ except main/contract, no preload/,
//                           native/ or scripts/
//   lib/**                  the pure libraries (path validation, x509, key wrap, private files):
//                           packages and Node built-ins but no native module and no `electron`;
//                           of the repository only its own files and main/contract (the shared
//                           vocabulary below everything) — never main/core, native/ or a host
//   native/**               hardware (USB/HID, FTM, SBI, virtual devices, the hub): of the
//                           repository only its own files, lib/ and main/contract; what it needs
//                           from the core (trust, time, events) comes in as parameters
//   main/core, main/store   never native/ (the core owns a HardwareService interface that the
//                           hosts wire to native/hub), a host or the CLI
//   everything else         never `electron` / `electron-updater`; main/**, lib/** and native/**
//                           never import renderer/ or preload/
import { builtinModules } from 'node:module';
import path from 'node:path';

const NATIVE_PACKAGES = new Set(['better-sqlite3', 'usb', 'node-hid']);
const ELECTRON_PACKAGES = new Set(['electron', 'electron-updater']);
const BUILTINS = new Set(builtinModules);

/** @param {string} rel @param {string} dir */
const isUnder = (rel, dir) => rel === dir.slice(0, -1) || rel.startsWith(dir);

/** @param {string} rel posix path relative to the repository root */
export function layerOf(rel) {
  if (isUnder(rel, 'main/hosts/electron/')) return 'electron-host';
  if (isUnder(rel, 'preload/')) return 'preload';
  if (isUnder(rel, 'renderer/')) return 'renderer';
  if (isUnder(rel, 'main/contract/')) return 'contract';
  if (isUnder(rel, 'main/core/') || isUnder(rel, 'main/store/')) return 'core';
  if (isUnder(rel, 'lib/')) return 'lib';
  if (isUnder(rel, 'native/')) return 'native';
  if (isUnder(rel, 'main/')) return 'node';
  return 'other';
}

/** '@scope/name/sub' → '@scope/name', 'name/sub' → 'name' */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

/**
 * @returns {{ kind: 'file', target: string } | { kind: 'builtin' } | { kind: 'package', name: string }}
 * `target` is posix and relative to the root; it starts with '../' when outside the repository.
 */
function classify(spec, filename, root) {
  const bare = spec.split(/[?#]/)[0] ?? spec;
  if (bare.startsWith('.') || path.isAbsolute(bare)) {
    const absolute = path.resolve(path.dirname(filename), bare);
    return { kind: 'file', target: path.relative(root, absolute).split(path.sep).join('/') };
  }
  if (bare.startsWith('node:') || BUILTINS.has(bare) || BUILTINS.has(packageName(bare))) return { kind: 'builtin' };
  return { kind: 'package', name: packageName(bare) };
}

const outside = (target) => target === '..' || target.startsWith('../');

/** @returns {string | null} a messageId when `spec` is not allowed from `layer` */
function verdict(layer, spec, filename, root) {
  const what = classify(spec, filename, root);
  const isElectron = what.kind === 'package' && ELECTRON_PACKAGES.has(what.name);
  switch (layer) {
    case 'electron-host':
      return null;
    case 'preload':
      if (what.kind === 'package') return what.name === 'electron' ? null : 'preloadOnly';
      if (what.kind === 'builtin') return 'preloadOnly';
      return isUnder(what.target, 'preload/') || isUnder(what.target, 'main/contract/') ? null : 'preloadOnly';
    case 'contract':
      if (what.kind === 'package') return what.name === 'zod' ? null : 'contractOnly';
      if (what.kind === 'builtin') return 'contractOnly';
      return isUnder(what.target, 'main/contract/') ? null : 'contractOnly';
    case 'renderer':
      if (what.kind === 'builtin') return 'rendererBuiltin';
      if (what.kind === 'package') return isElectron || NATIVE_PACKAGES.has(what.name) ? 'rendererNative' : null;
      if (isUnder(what.target, 'main/contract/')) return null;
      if (
        outside(what.target) ||
        ['main/', 'lib/', 'preload/', 'native/', 'scripts/'].some((d) => isUnder(what.target, d))
      )
        return 'rendererOutside';
      return null;
    case 'lib':
      if (isElectron) return 'electronOutsideHost';
      if (what.kind === 'package') return NATIVE_PACKAGES.has(what.name) ? 'libNative' : null;
      if (what.kind === 'builtin') return null;
      return isUnder(what.target, 'lib/') || isUnder(what.target, 'main/contract/') ? null : 'libOutside';
    case 'native':
      if (isElectron) return 'electronOutsideHost';
      if (what.kind !== 'file') return null;
      return ['native/', 'lib/', 'main/contract/'].some((d) => isUnder(what.target, d)) ? null : 'nativeOutside';
    default: {
      if (isElectron) return 'electronOutsideHost';
      if (what.kind !== 'file' || layer === 'other') return null;
      if (isUnder(what.target, 'renderer/') || isUnder(what.target, 'preload/')) return 'mainToUi';
      if (layer === 'core' && (isUnder(what.target, 'main/hosts/') || isUnder(what.target, 'main/cli/')))
        return 'coreToHost';
      if (layer === 'core' && isUnder(what.target, 'native/')) return 'coreToNative';
      return null;
    }
  }
}

/** The module specifier of an import-like node, when it is a static string. */
function sourceOf(node) {
  const literal = (n) => {
    if (!n) return null;
    if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
    if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? null;
    if (n.type === 'TSLiteralType') return literal(n.literal);
    return null;
  };
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
    case 'ImportExpression':
      return literal(node.source);
    case 'CallExpression':
      return node.callee.type === 'Identifier' && node.callee.name === 'require' ? literal(node.arguments[0]) : null;
    case 'TSImportEqualsDeclaration':
      return node.moduleReference.type === 'TSExternalModuleReference'
        ? literal(node.moduleReference.expression)
        : null;
    case 'TSImportType':
      return literal(node.source) ?? literal(node.argument);
    default:
      return null;
  }
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Keep each layer to the imports it may use (electron, Node, native modules, main/, lib/, native/).',
    },
    schema: [
      {
        type: 'object',
        properties: {
          root: {
            type: 'string',
            description: 'Repository root; defaults to the ESLint working directory.',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      electronOutsideHost:
        "'{{source}}' may only be imported under main/hosts/electron/ or preload/ (this file is in the {{layer}} layer).",
      preloadOnly: "preload/ may import only 'electron' and main/contract, not '{{source}}'.",
      contractOnly: "main/contract/ may import only 'zod' and its own files, not '{{source}}'.",
      rendererBuiltin: "renderer/ runs in a sandboxed page: no Node built-in '{{source}}'.",
      rendererNative: "renderer/ may not import '{{source}}' (native / Electron module); go through the contract.",
      rendererOutside: "renderer/ may import from main/ only main/contract, not '{{source}}'.",
      mainToUi: "Main-side code may not import UI code ('{{source}}').",
      coreToHost: "main/core and main/store may not import a host or the CLI ('{{source}}').",
      coreToNative:
        "main/core and main/store may not import native/ ('{{source}}'): use HardwareService (main/core/hardware/service.ts), which the hosts wire to native/hub.",
      libOutside: "lib/ may import only its own files and main/contract from the repository, not '{{source}}'.",
      libNative: "lib/ holds pure libraries: no native module '{{source}}'.",
      nativeOutside:
        "native/ may import only its own files, lib/ and main/contract, not '{{source}}'; take what the core knows as a parameter.",
    },
  },
  create(context) {
    const root = path.resolve(context.options[0]?.root ?? context.cwd);
    const filename = context.filename;
    const rel = path.relative(root, filename).split(path.sep).join('/');
    const layer = path.isAbsolute(filename) && !outside(rel) ? layerOf(rel) : 'other';
    const check = (node) => {
      const source = sourceOf(node);
      if (source === null) return;
      const messageId = verdict(layer, source, filename, root);
      if (messageId) context.report({ node, messageId, data: { source, layer } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      CallExpression: check,
      TSImportEqualsDeclaration: check,
      TSImportType: check,
    };
  },
};

export default rule;
