/**
 * The project's import graph over relative imports, and its circles. Every import counts —
 * `import type` too: a circle of types is still two modules that cannot be read (or moved) apart.
 * Read with TypeScript's own pre-processor, so comments and strings never pass for imports.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const SKIP = new Set(['node_modules', 'dist', 'out', 'coverage', 'test-results', 'playwright-report']);

export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(e.name) || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
    }
  };
  for (const f of folders) if (existsSync(join(root, f))) walk(join(root, f));
  return files.sort();
}

/** Every module specifier in a file: imports and re-exports (type-only too), `import()`, `import('x').T`, `require()`. */
export function specifiersOf(text: string): string[] {
  // TypeScript's pre-processor: its scanner skips comments and strings, and it is fast enough for every file.
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** file → the project files it imports (relative specifiers that name a file of the set; `.js` finds its `.ts`). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec.split(/[?#]/)[0]!);
      const found = [target, target.replace(/\.(m|c)?js$/, '.$1ts'), target.replace(/\.jsx$/, '.tsx')].find((t) =>
        known.has(t),
      );
      if (found) targets.add(found);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** The circles: strongly connected components of more than one file, or a file that imports itself (Tarjan). */
export function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return circles;
}

export const relativeTo = (root: string, file: string) => relative(root, file).split(sep).join('/');
