import { createHash } from 'node:crypto';

/**
 * A command's random source: SHA-256 in counter mode over a 32-byte seed and a label. The desk
 * draws the seed once per command and pushes it with the command, so the server (and the desk
 * itself when it re-applies the command on newer data) makes the same ids and keys. `prepare` and
 * `apply` draw from separate labels: a prepare step that draws differently on the server (it signs,
 * the desk cannot) never shifts the ids made in apply.
 */
export function seededRandom(seed: Buffer, label: 'prepare' | 'apply'): (size: number) => Buffer {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (size: number) => {
    while (pool.length < size) {
      const block = createHash('sha256').update(seed).update(label).update(String(counter++)).digest();
      pool = Buffer.concat([pool, block]);
    }
    const out = pool.subarray(0, size);
    pool = pool.subarray(size);
    return Buffer.from(out);
  };
}
