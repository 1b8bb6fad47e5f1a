import { describe, expect, it } from 'vitest';
import { DATA_TOPICS, METHOD_NAMES, changesOf, contract, readsOf } from '../../main/contract/index.ts';

describe('the contract declares invalidation once', () => {
  const commands = METHOD_NAMES.filter((m) => contract[m].kind === 'command');
  const queries = METHOD_NAMES.filter((m) => contract[m].kind === 'query');

  it('every command lists the topics it changes (an array, possibly empty), without duplicates', () => {
    for (const m of commands) {
      const changes = changesOf(contract[m]);
      expect(Array.isArray(changes), m).toBe(true);
      expect(new Set(changes).size, m).toBe(changes.length);
    }
  });

  it('no topic is dead: each one is changed by some command and read by some query', () => {
    const changed = new Set(commands.flatMap((m) => changesOf(contract[m])));
    const read = new Set(queries.flatMap((m) => readsOf(contract[m])));
    for (const topic of DATA_TOPICS) {
      expect(changed.has(topic), `${topic} changed`).toBe(true);
      expect(read.has(topic), `${topic} read`).toBe(true);
    }
  });

  it('the stored-data queries a screen shows say what makes them stale', () => {
    const lists = queries.filter(
      (m) => m.endsWith('.list') && !m.startsWith('hardware.') && m !== 'deviceCatalogue.list' && m !== 'audit.list',
    );
    expect(lists.length).toBeGreaterThan(8);
    for (const m of lists) expect(readsOf(contract[m]).length, m).toBeGreaterThan(0);
  });
});
