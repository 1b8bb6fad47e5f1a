/**
 * Signing settings for `npm run dist`, read from the environment (never from files in the
 * repository). electron-builder reads CSC_LINK / CSC_KEY_PASSWORD / CSC_NAME and the APPLE_*
 * notarization variables itself; this module decides which scheme is configured, fills in Azure
 * Trusted Signing (which lives in the configuration, not the environment) and names what is missing.
 */
export type Env = Readonly<Record<string, string | undefined>>;
export type TargetOs = 'linux' | 'win' | 'mac';

export interface WinSigning {
  scheme: 'signtool' | 'azure' | 'none';
  azureSignOptions?: {
    publisherName: string;
    endpoint: string;
    certificateProfileName: string;
    codeSigningAccountName: string;
  };
}
export interface MacSigning {
  identity: 'certificate' | 'keychain' | 'none';
  notarize: 'api-key' | 'apple-id' | 'keychain-profile' | 'none';
}

const has = (env: Env, name: string) => (env[name] ?? '').trim() !== '';
const all = (env: Env, names: readonly string[]) => names.every((n) => has(env, n));

/** Azure Trusted Signing: the account in PD_AZURE_*, the credentials in Entra ID's AZURE_* variables. */
export const AZURE_ACCOUNT = [
  'PD_AZURE_SIGNING_ENDPOINT',
  'PD_AZURE_SIGNING_ACCOUNT',
  'PD_AZURE_CERT_PROFILE',
  'PD_AZURE_PUBLISHER_NAME',
] as const;
export const AZURE_CREDENTIALS = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'] as const;

export function winSigning(env: Env): WinSigning {
  if (AZURE_ACCOUNT.some((n) => has(env, n))) {
    return {
      scheme: 'azure',
      azureSignOptions: {
        endpoint: env.PD_AZURE_SIGNING_ENDPOINT ?? '',
        codeSigningAccountName: env.PD_AZURE_SIGNING_ACCOUNT ?? '',
        certificateProfileName: env.PD_AZURE_CERT_PROFILE ?? '',
        publisherName: env.PD_AZURE_PUBLISHER_NAME ?? '',
      },
    };
  }
  return { scheme: has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK') ? 'signtool' : 'none' };
}

export function macSigning(env: Env): MacSigning {
  const identity = has(env, 'CSC_LINK') ? 'certificate' : has(env, 'CSC_NAME') ? 'keychain' : 'none';
  const notarize = all(env, ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'])
    ? 'api-key'
    : all(env, ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'])
      ? 'apple-id'
      : all(env, ['APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE'])
        ? 'keychain-profile'
        : 'none';
  return { identity, notarize };
}

/** What a signed build for `os` still lacks, one line each; empty when it can be signed. */
export function missingSigning(os: TargetOs, env: Env): string[] {
  if (os === 'linux') return []; // Linux packages are covered by the release key's signature on the feed.
  if (os === 'win') {
    const win = winSigning(env);
    if (win.scheme === 'none') {
      return [
        'Windows code signing: set WIN_CSC_LINK (a .pfx file or base64) and WIN_CSC_KEY_PASSWORD for signtool, or PD_AZURE_SIGNING_ENDPOINT, PD_AZURE_SIGNING_ACCOUNT, PD_AZURE_CERT_PROFILE, PD_AZURE_PUBLISHER_NAME with AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET for Azure Trusted Signing',
      ];
    }
    if (win.scheme === 'azure') {
      const missing = [...AZURE_ACCOUNT, ...AZURE_CREDENTIALS].filter((n) => !has(env, n));
      return missing.length ? [`Azure Trusted Signing: ${missing.join(', ')} not set`] : [];
    }
    const password = has(env, 'WIN_CSC_LINK') ? 'WIN_CSC_KEY_PASSWORD' : 'CSC_KEY_PASSWORD';
    return has(env, password)
      ? []
      : [
          `Windows code signing: ${password} not set for the certificate in ${password.replace('KEY_PASSWORD', 'LINK')}`,
        ];
  }
  const mac = macSigning(env);
  const missing: string[] = [];
  if (mac.identity === 'none')
    missing.push(
      'macOS signing identity: set CSC_LINK (a .p12 file or base64) with CSC_KEY_PASSWORD, or CSC_NAME (an identity in the keychain)',
    );
  if (mac.identity === 'certificate' && !has(env, 'CSC_KEY_PASSWORD'))
    missing.push('macOS signing identity: CSC_KEY_PASSWORD not set for the certificate in CSC_LINK');
  if (mac.notarize === 'none')
    missing.push(
      'macOS notarization: set APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER (or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID)',
    );
  return missing;
}

/** Configuration electron-builder merges over electron-builder.yml for this environment. */
export function signingConfig(os: TargetOs, env: Env): Record<string, unknown> {
  if (os === 'win') {
    const win = winSigning(env);
    return win.azureSignOptions ? { win: { azureSignOptions: win.azureSignOptions } } : {};
  }
  if (os === 'mac') {
    const mac = macSigning(env);
    // An unsigned test build: no identity, no notarization (electron-builder would otherwise search the keychain).
    return {
      mac: {
        notarize: mac.notarize !== 'none',
        ...(mac.identity === 'none' ? { identity: null } : {}),
      },
    };
  }
  return {};
}
