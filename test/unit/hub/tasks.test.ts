import { describe, expect, it } from 'vitest';
import { TaskRegistry } from '../../../native/hub/tasks.ts';
import type { TaskProgress } from '../../../native/hub/tasks.ts';

const settle = () => new Promise((r) => setImmediate(r));
const OWNER = { userId: 'dp1', session: 'a'.repeat(64) };

describe('TaskRegistry', () => {
  it('publishes progress, parks on a prompt until answered, and keeps the result', async () => {
    const events: TaskProgress[] = [];
    const reg = new TaskRegistry<string>((p) => events.push(p));
    const id = reg.start('port:1', 2, OWNER, async (t) => {
      t.progress(1, 'first');
      const answer = await t.prompt('Put the device in Busy');
      t.progress(2, `answered ${answer}`);
      return 'report';
    });
    await settle();
    expect(reg.get(id)?.progress).toMatchObject({
      state: 'prompt',
      prompt: 'Put the device in Busy',
      done: 1,
    });
    expect(reg.isBusy('port:1')).toBe(true);
    expect(reg.answer(id, 'done')).toBe(true);
    await settle();
    expect(reg.get(id)).toMatchObject({
      result: 'report',
      progress: { state: 'done', done: 2, label: 'answered done' },
    });
    expect(events.map((e) => e.state)).toEqual(['running', 'running', 'prompt', 'running', 'running', 'done']);
    expect(reg.isBusy('port:1')).toBe(false);
    expect(reg.answer(id, 'done')).toBe(false); // no prompt pending any more
  });

  it('cancel releases a pending prompt with "skip", ends as cancelled and keeps the partial result', async () => {
    const reg = new TaskRegistry<string[]>(() => {});
    const id = reg.start('port:2', 3, OWNER, async (t) => {
      const done: string[] = ['case-1'];
      const answer = await t.prompt('act');
      done.push(`prompt:${answer}`, t.signal.aborted ? 'aborted' : 'went on');
      return done;
    });
    await settle();
    expect(reg.cancel(id)).toBe(true);
    await settle();
    expect(reg.get(id)).toMatchObject({
      result: ['case-1', 'prompt:skip', 'aborted'],
      progress: { state: 'cancelled' },
    });
    expect(reg.cancel(id)).toBe(false);
  });

  it('a failing task ends as failed with its message; unknown ids answer null', async () => {
    const reg = new TaskRegistry<number>(() => {});
    const id = reg.start('x', 1, OWNER, async () => {
      throw new Error('device vanished');
    });
    await settle();
    expect(reg.get(id)).toMatchObject({
      result: null,
      error: 'device vanished',
      progress: { state: 'failed' },
    });
    expect(reg.get('nope')).toBeNull();
    expect(reg.answer('nope', 'done')).toBeNull();
    expect(reg.cancel('nope')).toBeNull();
  });

  it('records who started each task and hands the owner with every progress event', async () => {
    const seen: Array<[string, string]> = [];
    const reg = new TaskRegistry<number>((p, owner) => seen.push([p.state, owner.session]));
    const other = { userId: 'dp2', session: 'b'.repeat(64) };
    const mine = reg.start('port:3', 1, OWNER, async () => 1);
    const theirs = reg.start('port:4', 1, other, async () => 2);
    await settle();
    expect(reg.owner(mine)).toEqual(OWNER);
    expect(reg.owner(theirs)).toEqual(other);
    expect(reg.owner('nope')).toBeUndefined();
    expect(seen.filter(([, s]) => s === OWNER.session).map(([state]) => state)).toEqual(['running', 'done']);
    expect(seen.filter(([, s]) => s === other.session).map(([state]) => state)).toEqual(['running', 'done']);
  });

  it('keeps at most 20 finished tasks', async () => {
    const reg = new TaskRegistry<number>(() => {});
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(reg.start('r', 1, OWNER, async () => i));
      await settle();
    }
    expect(reg.get(ids[0]!)).toBeNull();
    expect(reg.get(ids[29]!)?.result).toBe(29);
  });
});
