import { AppError } from '../../main/contract/index.ts';
import type { Config } from '../../main/core/config.ts';
import type { CoreDeps } from '../../main/core/deps.ts';
import type { HardwareHub, HubEmit } from './hub.ts';
import { TaskRegistry } from './tasks.ts';

export interface HubOptions {
  config: Config['hardware'];
  emit: HubEmit;
  now: () => Date;
  log: CoreDeps['log'];
}

// Filled in as the native parts land (issue 6, this session).
const notYet = (what: string): never => {
  throw new AppError('PD_HW_001', `${what} is not available in this build.`);
};

/** The process's hardware hub: lazy — nothing is opened, scanned or started until first asked. */
export function createHardwareHub(opts: HubOptions): HardwareHub {
  const tasks = new TaskRegistry<unknown>((p) => opts.emit('task.progress', p));
  return {
    usbList: async () => notYet('USB'),
    discover: async () => notYet('SBI discovery'),
    inspect: async () => notYet('SBI device info'),
    streamStart: async () => notYet('SBI stream'),
    streamStop: () => false,
    benchCases: async () => notYet('The compliance bench'),
    benchStart: async () => notYet('The compliance bench'),
    benchReport: () => null,
    answer: (id, a) => tasks.answer(id, a),
    cancel: (id) => tasks.cancel(id),
    ftmChips: async () => notYet('FTM chips'),
    ftmRead: async () => notYet('FTM chips'),
    virtualState: () => ({ running: false, port: null, delayMs: 0, fault: null, devices: [], rootsTrusted: false }),
    virtualControl: async () => notYet('The virtual SBI'),
    virtualRoots: () => null,
    async close() {
      tasks.cancelAll();
    },
  };
}
