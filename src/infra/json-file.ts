/**
 * State-file I/O with the guarantees every writer needs: a write is atomic (temp file + fsync + rename), never
 * follows a symlink at the target, never reads a FIFO or device forever, and cleans up temp files that a
 * killed writer left behind.
 *
 * Hand-written rather than `write-file-atomic` because that library resolves the target's realpath first,
 * i.e. it writes *through* a symlink, and its temp names cannot be told apart from user files for cleanup.
 * Temp names follow upstream OpenClaw's `<file>.<pid>.<uuid>.tmp`, so leftovers from either are recognised.
 */
import { isAscii } from "node:buffer";
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import path from "node:path";
import { OpenClawError } from "./errors.js";
import { errnoCode, fsError } from "./fs-errors.js";

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * What a write does when the target is a symlink. "refuse" for files the user owns and may have linked on
 * purpose (config, credentials, sessions): we neither break their link nor write through it. "replace" for
 * files we derive and own outright (backups, caches): the link is swapped for a regular file.
 */
export type SymlinkPolicy = "refuse" | "replace";

/** `linkHint` completes the symlink refusal's hint with the env override that avoids the link. */
export type AtomicWriteOptions = {
  mode?: number;
  symlink?: SymlinkPolicy;
  linkHint?: string;
  /**
   * false skips the fsyncs, for derived files (caches) that can be rebuilt: after a crash such a file may be
   * empty or missing, which its reader treats as a miss, and a big one is not flushed to disk on every run.
   */
  durable?: boolean;
};

export function ensurePrivateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (err) {
    throw fsError(err, dir, "create the directory");
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  if (stats.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

function notRegularFile(file: string, stats: Stats, action: string): OpenClawError {
  const what = stats.isDirectory() ? "a directory" : `${kindOf(stats)}, not a regular file`;
  return new OpenClawError("FILE_NOT_REGULAR", `Cannot ${action} ${file}: it is ${what}`, {
    hint: `Move ${file} aside and re-run (or point OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH elsewhere).`,
  });
}

export function symlinkRefusedError(file: string, linkHint?: string): OpenClawError {
  let target = "";
  try {
    target = ` (to ${readlinkSync(file)})`;
  } catch {
    // The link vanished; the message still holds.
  }
  const alt = linkHint ? `, ${linkHint}` : "";
  return new OpenClawError("FILE_SYMLINK", `Refusing to write ${file}: it is a symbolic link${target}, and writes never follow links`, {
    hint: `Replace the link with the file it points to (e.g. cp --remove-destination "$(readlink -f ${file})" ${file})${alt}.`,
  });
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return undefined;
    throw fsError(err, file, "inspect");
  }
}

/** Throws unless `file` is absent or a regular file (or, with "replace", a symlink we may swap out). */
export function assertWritableTarget(file: string, options: AtomicWriteOptions = {}): void {
  const stats = lstatOrUndefined(file);
  if (!stats || stats.isFile()) return;
  if (stats.isSymbolicLink()) {
    if ((options.symlink ?? "refuse") === "replace") return;
    throw symlinkRefusedError(file, options.linkHint);
  }
  throw notRegularFile(file, stats, "write");
}

/**
 * A random UUID-shaped token for temp names (the shape TEMP_SUFFIX and older writers use). It only has to be
 * unique, not secret: the open is O_EXCL|O_NOFOLLOW in a private dir. Math.random, not node:crypto, whose
 * load costs ~6 ms, as much as the rest of a small write.
 */
function tempToken(): string {
  const hex = (digits: number) => Math.floor(Math.random() * 16 ** digits).toString(16).padStart(digits, "0");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(Math.random() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
}

const TEMP_SUFFIX = /^\.(\d+)\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === "EPERM";
  }
}

/** Removes `<file>.<pid>.<uuid>.tmp` files whose writer is gone (killed mid-write). Returns how many. */
export function removeStaleTempFiles(file: string): number {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(base)) continue;
    const match = TEMP_SUFFIX.exec(name.slice(base.length));
    if (!match || processAlive(Number(match[1]))) continue;
    try {
      unlinkSync(path.join(dir, name));
      removed += 1;
    } catch {
      // Someone else cleaned it up first.
    }
  }
  return removed;
}

/**
 * Writes via a temp file in the same directory and renames it over the target, so readers never see a torn file.
 * The text may come in pieces (written in order), so a big file is never one string in memory.
 */
export async function writeTextFileAtomic(filePath: string, text: string | Iterable<string>, options: AtomicWriteOptions = {}): Promise<void> {
  writeTextFileAtomicSync(filePath, text, options);
}

/** `text` may also be bytes already encoded (a backup of a file as read), which are written as they are. */
export function writeTextFileAtomicSync(filePath: string, text: string | Uint8Array | Iterable<string>, options: AtomicWriteOptions = {}): void {
  const dir = path.dirname(filePath);
  ensurePrivateDir(dir);
  assertWritableTarget(filePath, options);
  removeStaleTempFiles(filePath);
  const mode = options.mode ?? PRIVATE_FILE_MODE;
  const temp = `${filePath}.${process.pid}.${tempToken()}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
    fchmodSync(fd, mode);
    if (typeof text === "string" || text instanceof Uint8Array) writeAll(fd, text);
    else for (const piece of text) writeAll(fd, piece);
    if (options.durable !== false) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // rename(2) replaces a symlink at the target itself, never the file it points to.
    renameSync(temp, filePath);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    throw fsError(err, filePath, "write");
  }
  if (options.durable !== false) syncDir(dir);
}

function writeAll(fd: number, text: string | Uint8Array): void {
  const data = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not supported everywhere; the rename itself is what makes the write atomic.
  }
}

export async function writeJsonFileAtomic(filePath: string, value: unknown, options: AtomicWriteOptions = {}): Promise<void> {
  writeTextFileAtomicSync(filePath, `${JSON.stringify(value, null, 2)}\n`, options);
}

/**
 * Reads a file, or returns undefined when it does not exist. Opening is non-blocking and anything but a
 * regular file (FIFO, device, socket, directory) is refused, so a read can never hang. Other errors become
 * one-line OpenClawErrors naming the file.
 */
export function readFileIfExists(filePath: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(filePath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return undefined;
    if (errnoCode(err) === "ENXIO") throw notRegularFile(filePath, lstatSync(filePath), "read");
    throw fsError(err, filePath, "read");
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegularFile(filePath, stats, "read");
    return readFileSync(fd);
  } catch (err) {
    throw fsError(err, filePath, "read");
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text; pure ASCII (what this CLI writes) is decoded as Latin-1, the same text for less work. */
export function decodeText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

/** `readFileIfExists` as text (see there). */
export function readTextFileIfExists(filePath: string): string | undefined {
  const bytes = readFileIfExists(filePath);
  return bytes && decodeText(bytes);
}
