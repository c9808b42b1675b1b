import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';

/**
 * Uploaded files under the storage directory (shared by API and worker), written once per
 * key (named by content hash) and atomically; a key never leaves the directory.
 */
export class UploadStore {
  constructor(private readonly storageDir: string) {}

  private path(fileKey: string): string {
    const root = resolve(this.storageDir);
    const path = resolve(root, fileKey);
    if (!path.startsWith(root + sep)) throw new Error(`File key ${fileKey} leaves the storage directory`);
    return path;
  }

  async store(fileKey: string, content: Buffer): Promise<void> {
    const path = this.path(fileKey);
    const present = await stat(path).catch(() => undefined);
    if (present?.size === content.length) return;
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, path);
  }

  read(fileKey: string): Promise<Buffer> {
    return readFile(this.path(fileKey)).catch((error: NodeJS.ErrnoException) => {
      throw new Error(
        error.code === 'ENOENT'
          ? `The uploaded file ${fileKey} is not in the storage directory (STORAGE_DIR must be shared by API and worker)`
          : `Cannot read ${fileKey}: ${error.message}`,
      );
    });
  }
}
