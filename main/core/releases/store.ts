import { createHash } from 'node:crypto';
import { createReadStream, existsSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../contract/index.ts';
import { ensurePrivateDir } from '../../../lib/private-files.ts';
import type { MetadataFile } from './metadata.ts';
import { hashFile } from './metadata.ts';

/**
 * The release store: artefacts named by their SHA-512 under `<dataDir>/releases/files/`, so two
 * releases sharing a file share its bytes and a name in a metadata file can never reach outside.
 */
export function releaseFilesDir(dataDir: string): string {
  return join(dataDir, 'releases', 'files');
}

export function artefactPath(dataDir: string, sha512: string): string {
  return join(releaseFilesDir(dataDir), Buffer.from(sha512, 'base64').toString('hex'));
}

const mismatch = (file: MetadataFile, what: string) =>
  new AppError('PD_UPDATE_002', `${file.url}: ${what}; the metadata and the artefacts do not belong together.`, {
    file: file.url.slice(0, 200),
  });

/**
 * Copies an artefact into the store, hashing the bytes as they are written; refuses
 * (PD_UPDATE_002, nothing stored) when they are not the bytes the metadata describes.
 */
export async function importArtefact(dataDir: string, source: string, file: MetadataFile): Promise<void> {
  if (!existsSync(source)) throw mismatch(file, 'the file is missing from the folder');
  const target = artefactPath(dataDir, file.sha512);
  if (existsSync(target)) return verifyStored(dataDir, file);
  ensurePrivateDir(releaseFilesDir(dataDir));
  const temp = `${target}.part-${process.pid}`;
  const hash = createHash('sha512');
  let size = 0;
  const out = await open(temp, 'w', 0o600);
  try {
    for await (const chunk of createReadStream(source)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
      await out.write(chunk as Buffer);
    }
    await out.sync();
  } finally {
    await out.close();
  }
  const sha512 = hash.digest('base64');
  if (size !== file.size || sha512 !== file.sha512) {
    rmSync(temp, { force: true });
    throw mismatch(
      file,
      size !== file.size ? `${size} bytes, the metadata says ${file.size}` : 'its sha512 differs from the metadata',
    );
  }
  renameSync(temp, target);
}

/** Checks a stored artefact against the metadata again (the core trusts no earlier step). */
export async function verifyStored(dataDir: string, file: MetadataFile): Promise<void> {
  const path = artefactPath(dataDir, file.sha512);
  if (!existsSync(path))
    throw mismatch(file, 'it is not in the release store (run `npm run cli -- release publish <folder>`)');
  const seen = await hashFile(path);
  if (seen.size !== file.size || seen.sha512 !== file.sha512)
    throw mismatch(file, 'the stored copy differs from the metadata');
}
