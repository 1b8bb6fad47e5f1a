/**
 * Host side of the HIL layer build (scripts/hil/build-layer.sh): a fresh virtual PKI and one chip
 * identity under its FTM root, written to OUT_DIR for the guest. Usage: tsx make-fixture.ts OUT_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIRTUAL_CHIP_DEFAULTS } from '../../native/ftm/virtual-chip.ts';
import { createVirtualPki } from '../../native/virtual/pki.ts';
import { FIXTURE_FILE, FTM_ROOT_FILE, OTHER_ROOT_FILE } from './fixture.ts';
import type { HilFixture } from './fixture.ts';

const out = process.argv[2];
if (!out) throw new Error('usage: make-fixture.ts OUT_DIR');
const info = { ...VIRTUAL_CHIP_DEFAULTS, serial: 'PD-HIL-FTM-0001' };
const pki = await createVirtualPki({ deviceOrg: 'Partner Desk HIL', ftmOrg: 'Partner Desk HIL' });
const chip = await pki.issueChipCert(info.serial);
const fixture: HilFixture = {
  info,
  chain: [chip.der, pki.ftmRoot.der].map((d) => Buffer.from(d).toString('base64')),
  chipKeyPem: chip.key.export({ type: 'pkcs8', format: 'pem' }).toString(),
};
mkdirSync(out, { recursive: true });
writeFileSync(join(out, FIXTURE_FILE), JSON.stringify(fixture));
writeFileSync(join(out, FTM_ROOT_FILE), pki.ftmRoot.pem);
writeFileSync(join(out, OTHER_ROOT_FILE), pki.deviceCa.pem);
