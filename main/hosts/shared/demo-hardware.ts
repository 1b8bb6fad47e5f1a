import type { Core } from '../../core/index.ts';
import { serviceCertificate } from '../../core/id-service/keys.ts';

/**
 * `--demo`: the virtual SBI (and its FTM chip) start with the app and their roots go into the
 * trust store, so a newcomer can discover a device, onboard it and run the bench with no hardware.
 * Failures are reported, never fatal: the rest of the demo works without the virtual devices.
 */
export async function startDemoHardware(core: Core, print: (line: string) => void = console.log): Promise<void> {
  try {
    await core.deps.hardware.virtualControl({ action: 'start' });
    const trusted = await core.runAsSystem('virtualSbi.trustRoots', {});
    // Auth captures go to the demo ID service: encrypt them to its IDA-FIR certificate.
    const fir = serviceCertificate(core.db.reader, 'IDA-FIR');
    if (fir) await core.deps.hardware.virtualControl({ action: 'encryptionCert', certificate: fir });
    const roots =
      trusted.added > 0
        ? `its roots were added to the trust store (${trusted.added})`
        : 'its roots are already trusted';
    const port = core.deps.hardware.virtualState(new Set()).port;
    print(`Virtual SBI on 127.0.0.1:${port ?? '?'}; ${roots}.`);
  } catch (err) {
    print(`The virtual SBI could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
}
