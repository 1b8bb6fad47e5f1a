import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Arabic is right-to-left: the renderer uses logical properties only (ms-/me-/ps-/pe-/start-/end-,
 * margin-inline-*, text-start). This scans every renderer source for physical ones.
 */
const ROOT = join(import.meta.dirname, '../../renderer');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return /\.(tsx?|css|html)$/.test(name) ? [path] : [];
  });

// Tailwind physical utilities and CSS physical properties / values.
const PHYSICAL = [
  /(?<![\w-])-?(?:ml|mr|pl|pr|left|right|border-l|border-r|rounded-l|rounded-r|rounded-tl|rounded-tr|rounded-bl|rounded-br|scroll-ml|scroll-mr)-(?!to-)[\w[\]./]+/,
  /(?<![\w-])(?:text-left|text-right|float-left|float-right|clear-left|clear-right)(?![\w-])/,
  /\b(?:margin|padding|border)-(?:left|right)\s*:/,
  /(?<![\w-])(?:left|right)\s*:\s*[^;]+;/,
  /\btext-align\s*:\s*(?:left|right)\b/,
  /\bdirection\s*:/,
];

describe('renderer uses logical CSS only', () => {
  it('finds the renderer sources', () => {
    expect(files(ROOT).length).toBeGreaterThan(20);
  });

  it.each(files(ROOT).map((f) => [relative(ROOT, f), f]))('%s', (_name, file) => {
    const offenders = readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ line: i + 1, text: line }))
      .filter(({ text }) => PHYSICAL.some((re) => re.test(text)) && !text.includes('logical-css-ok'));
    expect(offenders).toEqual([]);
  });

  it('the check itself catches physical properties', () => {
    for (const bad of [
      'className="ml-2"',
      'class="pr-4 text-right"',
      'margin-left: 4px;',
      'right: 0;',
      'border-l-2',
      'direction: rtl',
    ]) {
      expect(
        PHYSICAL.some((re) => re.test(bad)),
        bad,
      ).toBe(true);
    }
    for (const good of [
      'left-to-right',
      'className="ms-2 pe-4 text-start"',
      'margin-inline-start: 4px;',
      'inset-inline-end: 0;',
      'border-s-2',
      'overflow-x-auto',
    ]) {
      expect(
        PHYSICAL.some((re) => re.test(good)),
        good,
      ).toBe(false);
    }
  });
});
