import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importCircles, importGraph, relativeTo, sourceFiles, specifiersOf } from '../helpers/import-graph.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FOLDERS = ['lib', 'main', 'native', 'preload', 'renderer', 'scripts', 'test'];

describe('import circles', () => {
  it('there is none among the project’s TypeScript files (type-only imports included)', () => {
    const files = sourceFiles(ROOT, FOLDERS);
    // The walk sees the whole project, or a circle could hide in a folder it missed.
    expect(files.length).toBeGreaterThan(500);
    for (const sample of [
      'main/core/dispatch.ts',
      'native/hub/hub.ts',
      'lib/pki/index.ts',
      'renderer/src/App.tsx',
      'preload/index.ts',
    ]) {
      expect(files.map((f) => relativeTo(ROOT, f))).toContain(sample);
    }
    const circles = importCircles(importGraph(files)).map((c) => c.map((f) => relativeTo(ROOT, f)));
    expect(circles).toEqual([]);
  });
});

describe('the circle finder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-cycles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const circlesIn = (folder: string) =>
    importCircles(importGraph(sourceFiles(dir, [folder]))).map((c) => c.map((f) => relativeTo(join(dir, folder), f)));

  it('reads every kind of import, and no import written in a comment or a string', () => {
    const text = [
      "import a from './a.ts';",
      "import type { B } from './b.ts';",
      "export * from './c.ts';",
      "export type { D } from './d.ts';",
      "const e = await import('./e.ts');",
      "type F = import('./f.ts').F;",
      "import g = require('./g.ts');",
      "// import h from './h.ts';",
      'const s = "import i from \'./i.ts\'";',
      "import 'zod';",
      "function j() { return import('./j.ts'); }",
      "type K = typeof import('./k.ts');",
    ].join('\n');
    expect(specifiersOf(text)).toEqual([
      './a.ts',
      './b.ts',
      './c.ts',
      './d.ts',
      './e.ts',
      './f.ts',
      './g.ts',
      'zod',
      './j.ts',
      './k.ts',
    ]);
  });

  it('finds a circle closed by a type-only import, a re-export or a dynamic import', () => {
    write('types/a.ts', "import { b } from './b.ts';\nexport const a = b;\n");
    write('types/b.ts', "import type { A } from './deep/c.ts';\nexport const b = 1 as A;\n");
    write('types/deep/c.ts', "export type A = number;\nexport { a } from '../a.ts';\n");
    write('types/leaf.ts', "import { a } from './a.ts';\nimport { z } from 'zod';\nexport const leaf = [a, z];\n");
    expect(circlesIn('types')).toEqual([['a.ts', 'b.ts', 'deep/c.ts']]);

    write('lazy/screen.tsx', "export const load = () => import('./panel.tsx');\n");
    write('lazy/panel.tsx', "import { load } from './screen.tsx';\nexport default load;\n");
    write('lazy/self.ts', "export * from './self.ts';\n");
    expect(circlesIn('lazy')).toEqual([['panel.tsx', 'screen.tsx'], ['self.ts']]);
  });

  it('finds none in a chain or a diamond', () => {
    write('dag/top.ts', "import './left.ts';\nimport './right.ts';\n");
    write('dag/left.ts', "import './bottom.ts';\n");
    write('dag/right.ts', "import type { X } from './bottom.ts';\nexport type Y = X;\n");
    write('dag/bottom.ts', 'export type X = 1;\n');
    expect(circlesIn('dag')).toEqual([]);
  });
});
