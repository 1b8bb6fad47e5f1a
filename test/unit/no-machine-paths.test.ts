import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A user's clone has none of this machine's folders: no tracked file may name the checkout's own
 * location, the folder around it, or a sibling folder that only the developers' machines have.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
  .split('\0')
  // This file names the patterns it looks for; the lock file holds registry URLs only.
  .filter(
    (f) =>
      f &&
      f !== 'package-lock.json' &&
      f !== 'test/unit/no-machine-paths.test.ts' &&
      !/\.(png|jpe?g|ico|icns|jp2|der|bin)$/i.test(f),
  );

/** Folders every machine has: a clone inside one of them makes no path in it machine-specific. */
const COMMON_FOLDERS = new Set(['/', '/tmp', '/var/tmp', '/private/tmp', tmpdir()]);

export function machinePathsIn(text: string, root: string): string[] {
  const parent = dirname(root);
  const patterns = [
    root,
    ...(COMMON_FOLDERS.has(parent) ? [] : [`${parent}/`]),
    '/work/', // the developers' workspace root
    '../shared/', // documents beside the checkout on the developers' machines only
    '/home/',
    '/Users/',
    'C:\\Users\\',
  ];
  return patterns.filter((p) => p !== '/' && text.includes(p));
}

describe('no absolute machine path in tracked files', () => {
  it('detects the patterns it guards against', () => {
    expect(machinePathsIn("readFileSync('/work/shared/x.json')", '/work/main')).toContain('/work/');
    expect(machinePathsIn('see ../shared/reference/sbi.md', '/srv/ci/repo')).toEqual(['../shared/']);
    expect(machinePathsIn('const dir = "/srv/ci/repo/test"', '/srv/ci/repo')).toContain('/srv/ci/repo');
    expect(machinePathsIn("import x from '../shared/data-dir.ts'", '/srv/ci/repo')).toEqual(['../shared/']);
    // a clone in /tmp: the clone's own path is refused, other /tmp paths (test fixtures) are not
    expect(machinePathsIn('mkdtemp("/tmp/pd-")', '/tmp/clone')).toEqual([]);
    expect(machinePathsIn('"/tmp/clone/test/x"', '/tmp/clone')).toEqual(['/tmp/clone']);
    expect(machinePathsIn('"/srv/ci/other"', '/srv/ci/repo')).toEqual(['/srv/ci/']);
  });

  it('finds none in the repository', () => {
    const offenders: string[] = [];
    for (const file of tracked) {
      let text: string;
      try {
        text = readFileSync(resolve(ROOT, file), 'utf8');
      } catch {
        continue; // deleted in the work tree
      }
      // `../shared/` is also how the hosts import main/hosts/shared: only imports are allowed through.
      const lines = text
        .split('\n')
        .filter((l) => !/^\s*(import|export)\b.*from '\.\.\/shared\//.test(l) && !/^import .*'\.\.\/shared\//.test(l));
      const hits = machinePathsIn(lines.join('\n'), ROOT);
      if (hits.length) offenders.push(`${file}: ${hits.join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });
});
