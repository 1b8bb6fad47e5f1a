import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogueError, loadCatalogue, parseCatalogue } from '../../../native/usb/catalogue.ts';

const dir = mkdtempSync(join(tmpdir(), 'pd-catalogue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const entry = {
  vendorId: '0x1209',
  productId: '0xF7D1',
  name: 'Chip',
  vendor: 'Test',
  modality: 'FTM',
};

describe('device catalogue', () => {
  it('loads the shipped catalogue and matches its test ids; other ids are unknown', () => {
    const c = loadCatalogue();
    expect(c.match(0x1209, 0xf7d1)).toEqual({
      vendorId: 0x1209,
      productId: 0xf7d1,
      name: 'Partner Desk virtual FTM chip',
      vendor: 'Partner Desk (test)',
      modality: 'FTM',
    });
    expect(c.match(0x1209, 0xf7d2)?.modality).toBe('Finger');
    expect(c.match(0x1209, 0x0001)).toBeNull(); // pid.codes' generic test PID is not ours
    expect(c.match(0xf7d1, 0x1209)).toBeNull();
    expect(c.ofModality('FTM').map((e) => e.productId)).toEqual([0xf7d1]);
    expect(new Set(c.entries.map((e) => e.vendorId))).toEqual(new Set([0x1209]));
  });

  it.each([
    ['not JSON', '{"devices": [', /is not valid JSON/],
    ['no devices list', '{}', /devices: /],
    ['a numeric id', JSON.stringify({ devices: [{ ...entry, vendorId: 4617 }] }), /devices\.0\.vendorId: /],
    [
      'a five-digit id',
      JSON.stringify({ devices: [{ ...entry, productId: '0x1F7D1' }] }),
      /devices\.0\.productId: must be a 16-bit id/,
    ],
    ['an unknown modality', JSON.stringify({ devices: [{ ...entry, modality: 'Voice' }] }), /devices\.0\.modality/],
    ['an empty name', JSON.stringify({ devices: [{ ...entry, name: ' ' }] }), /devices\.0\.name/],
    ['an unknown field', JSON.stringify({ devices: [{ ...entry, colour: 'red' }] }), /devices\.0: .*colour/],
    [
      'a duplicate id',
      JSON.stringify({ devices: [entry, { ...entry, productId: '0xf7d1', name: 'Twin' }] }),
      /devices\.1: duplicate id 0x1209:0xf7d1/,
    ],
  ])('refuses a file with %s, naming the file and the field', (_name, text, message) => {
    const path = file('bad.json', text);
    let error: unknown;
    try {
      loadCatalogue(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogueError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(message);
  });

  it('reports a missing file clearly', () => {
    expect(() => loadCatalogue(join(dir, 'nope.json'))).toThrow(
      /cannot read the device catalogue .*nope\.json: ENOENT/,
    );
  });

  it('accepts lower- and upper-case hex', () => {
    const c = parseCatalogue({
      devices: [
        { ...entry, productId: '0xabcd' },
        { ...entry, productId: '0xABCE' },
      ],
    });
    expect([c.match(0x1209, 0xabcd)?.name, c.match(0x1209, 0xabce)?.name]).toEqual(['Chip', 'Chip']);
  });
});
