import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, deepLinkRoute } from '../../main/hosts/electron/guards.ts';

const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';

describe('desktop deep links', () => {
  it('opens the reset page for a mailed reset link (as the core builds it)', () => {
    const url = new URL('partnerdesk://');
    url.hash = `/reset-password?token=${token}`;
    expect(deepLinkRoute(url.toString())).toBe(`/reset-password?token=${token}`);
  });

  it.each([
    ['another scheme', `https://evil.example/#/reset-password?token=${token}`],
    ['an unknown route', `partnerdesk://#/admin/audit`],
    ['a script in the token', `partnerdesk://#/reset-password?token=<script>alert(1)</script>`],
    ['extra parameters', `partnerdesk://#/reset-password?token=${token}&next=https://evil.example`],
    ['a short token', `partnerdesk://#/reset-password?token=abc`],
    ['not a URL', 'reset-password'],
    ['an oversized link', `partnerdesk://#/reset-password?token=${'a'.repeat(2000)}`],
  ])('refuses %s', (_label, url) => {
    expect(deepLinkRoute(url)).toBeNull();
  });

  it('finds the link among a second instance arguments', () => {
    expect(
      deepLinkFromArgv(['/usr/bin/partner-desk', '--data-dir', '/x', `partnerdesk://#/reset-password?token=${token}`]),
    ).toBe(`/reset-password?token=${token}`);
    expect(deepLinkFromArgv(['/usr/bin/partner-desk', '--flag'])).toBeNull();
  });
});
