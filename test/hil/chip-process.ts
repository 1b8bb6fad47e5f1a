/**
 * The FTM gadget's firmware as a child process (device-ftm.ts). Power follows the cable: pulling
 * the cable kills the process and plugging it in starts a fresh one, as a real chip loses its state
 * with its power. (The firmware cannot see the unplug itself: a read blocked on /dev/hidg0 is not
 * woken when the gadget is unbound, and the same file works again after the rebind.)
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { ChipFaults } from '../../native/ftm/virtual-chip.ts';

export interface ChipControl {
  /** Starts the firmware; resolves once it serves /dev/hidg0. */
  powerOn(): Promise<void>;
  powerOff(): void;
  setFaults(faults: Pick<ChipFaults, 'delayMs' | 'silent'>): Promise<void>;
}

export function chipProcess(script: string, args: string[]): ChipControl {
  let child: ChildProcess | null = null;
  let nextId = 0;
  const reply = (c: ChildProcess, match: (m: Record<string, unknown>) => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`the FTM firmware did not ${what} within 20 s`)), 20_000);
      const onMessage = (m: unknown) =>
        typeof m === 'object' && m !== null && match(m as Record<string, unknown>) && done();
      const onExit = (code: number | null) =>
        done(new Error(`the FTM firmware exited (${code}) before it could ${what}`));
      const done = (err?: Error) => {
        clearTimeout(timer);
        c.off('message', onMessage);
        c.off('exit', onExit);
        if (err) reject(err);
        else resolve();
      };
      c.on('message', onMessage);
      c.on('exit', onExit);
    });

  return {
    async powerOn() {
      if (child) throw new Error('the FTM firmware is already running');
      const c = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child = c;
      await reply(c, (m) => m.ready === true, 'serve /dev/hidg0');
    },
    powerOff() {
      child?.kill('SIGKILL');
      child = null;
    },
    async setFaults(faults) {
      const c = child;
      if (!c) throw new Error('the FTM firmware is not running');
      const id = ++nextId;
      const answered = reply(c, (m) => m.id === id, 'take the faults');
      c.send({ id, faults });
      await answered;
    },
  };
}
