import { describe, expect, it } from 'vitest';
import { pagerView } from '../../renderer/src/lib/pager.ts';
import en from '../../renderer/src/i18n/en.ts';
import fr from '../../renderer/src/i18n/fr.ts';
import ar from '../../renderer/src/i18n/ar.ts';

/** The shared pager's arithmetic: an exact total has a last page; a lower bound ("5,000+") has none. */
describe('pager', () => {
  it('an exact total gives page N of M and closes "next" on the last page', () => {
    expect(pagerView(0, 0, 8, false)).toEqual({
      page: 1,
      pages: 1,
      canPrevious: false,
      canNext: false,
    });
    expect(pagerView(17, 0, 8, false)).toEqual({
      page: 1,
      pages: 3,
      canPrevious: false,
      canNext: true,
    });
    expect(pagerView(17, 2, 8, false)).toEqual({
      page: 3,
      pages: 3,
      canPrevious: true,
      canNext: false,
    });
    expect(pagerView(16, 1, 8, false)).toEqual({
      page: 2,
      pages: 2,
      canPrevious: true,
      canNext: false,
    });
    // a page past the end (the list shrank meanwhile) shows the last page number
    expect(pagerView(16, 9, 8, false)).toEqual({
      page: 2,
      pages: 2,
      canPrevious: true,
      canNext: false,
    });
  });

  it('a lower bound has no last page: "next" stays open, also past the bound', () => {
    expect(pagerView(5000, 0, 8, true)).toEqual({
      page: 1,
      pages: null,
      canPrevious: false,
      canNext: true,
    });
    expect(pagerView(5000, 624, 8, true)).toEqual({
      page: 625,
      pages: null,
      canPrevious: true,
      canNext: true,
    });
    expect(pagerView(6008, 750, 8, true)).toEqual({
      page: 751,
      pages: null,
      canPrevious: true,
      canNext: true,
    });
  });

  it.each([
    ['en', en],
    ['fr', fr],
    ['ar', ar],
  ] as const)('%s words a lower bound apart from an exact total, and a page without "of M"', (_lang, bundle) => {
    expect(bundle.pager.totalAtLeast).toContain('{{n}}');
    expect(bundle.pager.totalAtLeast).not.toBe(bundle.pager.total);
    expect(bundle.pager.page).toContain('{{page}}');
    expect(bundle.pager.page).not.toContain('{{pages}}');
  });
});
