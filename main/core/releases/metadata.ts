import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { load, JSON_SCHEMA } from 'js-yaml';
import { AppError } from '../../contract/index.ts';
import { SEMVER } from '../../contract/methods/releases.ts';

/** One file electron-builder's metadata names. */
export interface MetadataFile {
  url: string;
  sha512: string;
  size: number;
}

/** The fields of electron-builder's latest*.yml that a release is made of. */
export interface ReleaseMetadata {
  version: string;
  files: MetadataFile[];
  releaseNotes: string | null;
  releaseDate: string | null;
}

/** A file name in the release folder: no path, no traversal, printable. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._+()-]{0,199}$/;
const SHA512_B64 = /^[A-Za-z0-9+/]{86}==$/;

const bad = (what: string) =>
  new AppError('PD_UPDATE_001', `The update metadata is not usable: ${what}.`, { metadata: what });

function notes(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.slice(0, 20_000);
  // electron-builder writes a list of {version, note} when fullChangelog is on.
  if (Array.isArray(value))
    return value
      .map((n) =>
        n && typeof n === 'object' && typeof (n as { note?: unknown }).note === 'string'
          ? (n as { note: string }).note
          : '',
      )
      .join('\n\n')
      .slice(0, 20_000);
  throw bad('releaseNotes is neither text nor a list of notes');
}

/**
 * Parses electron-builder's metadata strictly (JSON schema: no YAML tags, dates stay text).
 * Refuses (PD_UPDATE_001) anything a desk could not install: no version, no files, a file name
 * with a path, a hash that is not a sha512, a size that is not a positive integer.
 */
export function parseMetadata(text: string): ReleaseMetadata {
  let doc: unknown;
  try {
    doc = load(text, { schema: JSON_SCHEMA });
  } catch {
    throw bad('it is not YAML');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw bad('it is not a YAML mapping');
  const m = doc as Record<string, unknown>;
  const version = typeof m.version === 'string' ? m.version : typeof m.version === 'number' ? String(m.version) : '';
  if (!SEMVER.test(version)) throw bad('version is missing or not a semantic version');
  if (!Array.isArray(m.files) || m.files.length === 0 || m.files.length > 16) throw bad('files is missing or empty');
  const files = m.files.map((f: unknown): MetadataFile => {
    const file = (f && typeof f === 'object' ? f : {}) as Record<string, unknown>;
    if (typeof file.url !== 'string' || !FILE_NAME.test(file.url) || file.url.includes('..'))
      throw bad('a file url is not a plain file name');
    if (typeof file.sha512 !== 'string' || !SHA512_B64.test(file.sha512))
      throw bad(`the sha512 of ${file.url} is not a base64 SHA-512`);
    if (typeof file.size !== 'number' || !Number.isSafeInteger(file.size) || file.size <= 0)
      throw bad(`the size of ${file.url} is not a positive integer`);
    return { url: file.url, sha512: file.sha512, size: file.size };
  });
  if (new Set(files.map((f) => f.url)).size !== files.length) throw bad('a file is listed twice');
  const releaseDate = typeof m.releaseDate === 'string' ? m.releaseDate : null;
  return { version, files, releaseNotes: notes(m.releaseNotes), releaseDate };
}

/** sha512 (base64, as electron-builder writes it) and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ sha512: string; size: number }> {
  const hash = createHash('sha512');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha512: hash.digest('base64'), size };
}
