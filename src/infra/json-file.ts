/** Small JSON/text file helpers: atomic writes (temp file + rename) with explicit modes. */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Writes via a temp file in the same directory and renames it over the target, so readers never see a torn file. */
export async function writeTextFileAtomic(filePath: string, text: string, options: { mode?: number } = {}): Promise<void> {
  ensurePrivateDir(path.dirname(filePath));
  await writeFileAtomic(filePath, text, { mode: options.mode ?? PRIVATE_FILE_MODE, fsync: true });
}

export async function writeJsonFileAtomic(filePath: string, value: unknown, options: { mode?: number } = {}): Promise<void> {
  await writeTextFileAtomic(filePath, `${JSON.stringify(value, null, 2)}\n`, options);
}

/** Reads a file as text, or returns undefined when it does not exist. Other errors propagate. */
export function readTextFileIfExists(filePath: string): string | undefined {
  try {
    return readFileSync(filePath, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}
