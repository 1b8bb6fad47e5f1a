/**
 * The device catalogue (resources/device-catalogue.json): which USB vendor/product ids Partner
 * Desk knows, with a name, vendor and modality. Validated at load; a broken file is a clear error
 * naming the file and the field, never a half-loaded catalogue.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const MODALITIES = ['Finger', 'Iris', 'Face', 'FTM'] as const;
export type Modality = (typeof MODALITIES)[number];

export interface CatalogueEntry {
  vendorId: number;
  productId: number;
  name: string;
  vendor: string;
  modality: Modality;
}

const HexId = z
  .string()
  .regex(/^0x[0-9a-fA-F]{4}$/, 'must be a 16-bit id written "0xVVVV"')
  .transform((s) => Number.parseInt(s.slice(2), 16));
const Text = z.string().trim().min(1).max(100);
const CatalogueFile = z
  .object({
    note: z.string().optional(),
    devices: z.array(
      z
        .object({
          vendorId: HexId,
          productId: HexId,
          name: Text,
          vendor: Text,
          modality: z.enum(MODALITIES),
        })
        .strict(),
    ),
  })
  .strict();

export class CatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogueError';
  }
}

export const DEFAULT_CATALOGUE_PATH = fileURLToPath(new URL('../../resources/device-catalogue.json', import.meta.url));

const key = (vendorId: number, productId: number) => (vendorId << 16) | productId;

export class DeviceCatalogue {
  private readonly byId = new Map<number, CatalogueEntry>();

  constructor(readonly entries: readonly CatalogueEntry[]) {
    for (const e of entries) this.byId.set(key(e.vendorId, e.productId), e);
  }

  /** The entry for these ids, or null: the device is unknown. */
  match(vendorId: number, productId: number): CatalogueEntry | null {
    return this.byId.get(key(vendorId, productId)) ?? null;
  }

  ofModality(modality: Modality): CatalogueEntry[] {
    return this.entries.filter((e) => e.modality === modality);
  }
}

/** Validates parsed JSON; `source` names the file in error messages. */
export function parseCatalogue(json: unknown, source = 'device catalogue'): DeviceCatalogue {
  const parsed = CatalogueFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new CatalogueError(`${source} is invalid: ${problems}`);
  }
  const seen = new Set<number>();
  for (const [i, e] of parsed.data.devices.entries()) {
    if (seen.has(key(e.vendorId, e.productId)))
      throw new CatalogueError(
        `${source} is invalid: devices.${i}: duplicate id ${hexId(e.vendorId)}:${hexId(e.productId)}`,
      );
    seen.add(key(e.vendorId, e.productId));
  }
  return new DeviceCatalogue(parsed.data.devices);
}

export function loadCatalogue(path: string = DEFAULT_CATALOGUE_PATH): DeviceCatalogue {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CatalogueError(`cannot read the device catalogue ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CatalogueError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseCatalogue(json, path);
}

export const hexId = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;
