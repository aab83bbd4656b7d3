/**
 * `withFileLock(file, fn)`: runs a read-modify-write of `file` while holding `<file>.lock`, so concurrent
 * openclaw processes serialise instead of losing each other's changes.
 *
 * The lock itself is proper-lockfile's (an atomically created directory whose mtime the holder refreshes; a
 * lock not refreshed for `staleMs` belongs to a killed process and is taken over). Around it, this module
 * decides what a waiting process should do about locks it cannot take, and says so in one line:
 * - only "held by someone else" is retried, with backoff, up to a bounded wait;
 * - a permission or read-only error fails at once and says so (it is not "another process");
 * - a lock dated in the future (clock change, copied state dir) would never go stale: refused at once;
 * - a plain-file lock is upstream OpenClaw's format (`{"pid":…}`): honoured while that pid lives, removed
 *   once it is dead; a plain file without a pid is refused at once with what to delete.
 */
import { lstatSync, readFileSync, unlinkSync } from "node:fs";
import path from "node:path";
import { OpenClawError } from "./errors.js";
import { errnoCode, fsError } from "./fs-errors.js";
import { ensurePrivateDir } from "./json-file.js";

export type FileLockOptions = {
  /** A lock not refreshed for this long is stale (its holder was killed). */
  staleMs?: number;
  /** How long to wait for a live holder before giving up. */
  waitMs?: number;
};

const DEFAULT_STALE_MS = 5_000;
const DEFAULT_WAIT_MS = 30_000;
/** Clock slack before a lock's mtime counts as "in the future". */
const FUTURE_SLACK_MS = 60_000;

export function lockPathFor(file: string): string {
  return `${file}.lock`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === "EPERM";
  }
}

function lockedError(file: string, lock: string, holder: string): OpenClawError {
  return new OpenClawError("FILE_LOCKED", `Timed out waiting for ${file}: ${holder} holds ${lock}`, {
    hint: `Wait for the other openclaw command to finish and retry; if none is running, delete the lock: rm -rf ${lock}`,
  });
}

function readPid(lock: string): number | undefined {
  try {
    const body: unknown = JSON.parse(readFileSync(lock, "utf8"));
    const pid = typeof body === "object" && body !== null ? (body as { pid?: unknown }).pid : undefined;
    return typeof pid === "number" && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** "foreign": upstream's plain-file lock, which proper-lockfile must not touch (it would rmdir a file). */
type LockState = { kind: "free" } | { kind: "wait"; holder: string; foreign: boolean };

/** Looks at an existing lock before (and between) attempts; throws for locks that waiting cannot resolve. */
async function inspectLock(file: string, lock: string): Promise<LockState> {
  let stats;
  try {
    stats = lstatSync(lock);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return { kind: "free" };
    throw fsError(err, lock, "inspect the lock");
  }
  if (stats.mtimeMs > Date.now() + FUTURE_SLACK_MS) {
    throw new OpenClawError("FILE_LOCK_FUTURE", `Cannot lock ${file}: the lock ${lock} is dated in the future (${stats.mtime.toISOString()})`, {
      hint: `A clock change or a copied state dir left it behind; if no openclaw command is running, delete it: rm -rf ${lock}`,
    });
  }
  if (stats.isDirectory()) return { kind: "wait", holder: "another openclaw process", foreign: false };
  if (!stats.isFile()) {
    throw new OpenClawError("FILE_LOCK_INVALID", `Cannot lock ${file}: ${lock} is not a lock this CLI understands`, {
      hint: `If no openclaw command is running, delete it: rm -rf ${lock}`,
    });
  }
  let pid = readPid(lock);
  if (pid === undefined && Date.now() - stats.mtimeMs < 1_000) {
    // Upstream creates the file, then writes its pid: give a just-created lock a moment.
    await sleep(250);
    pid = readPid(lock);
  }
  if (pid === undefined) {
    throw new OpenClawError("FILE_LOCK_INVALID", `Cannot lock ${file}: ${lock} is a plain file that names no process`, {
      hint: `If no openclaw command is running, delete it: rm ${lock}`,
    });
  }
  if (pidAlive(pid)) return { kind: "wait", holder: `process ${pid}`, foreign: true };
  try {
    unlinkSync(lock);
  } catch (err) {
    if (errnoCode(err) !== "ENOENT") throw fsError(err, lock, "remove the stale lock");
  }
  return { kind: "free" };
}

async function acquire(file: string, options: FileLockOptions): Promise<() => Promise<void>> {
  const lock = lockPathFor(file);
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  let delay = 25;
  while (true) {
    const state = await inspectLock(file, lock);
    if (state.kind === "wait" && state.foreign) {
      if (Date.now() >= deadline) throw lockedError(file, lock, state.holder);
    } else {
      try {
        // Loaded here, not at import: proper-lockfile and graceful-fs cost ~12% of a bare Node start
        // (callgrind), and commands that only read never lock.
        const { default: lockfile } = await import("proper-lockfile");
        return await lockfile.lock(file, {
          realpath: false,
          stale: staleMs,
          retries: 0,
          // Critical sections last milliseconds; a lock taken over meanwhile must not crash the process.
          onCompromised: () => undefined,
        });
      } catch (err) {
        if (errnoCode(err) !== "ELOCKED") throw fsError(err, lock, "create the lock");
        if (Date.now() >= deadline) throw lockedError(file, lock, state.kind === "wait" ? state.holder : "another openclaw process");
      }
    }
    await sleep(delay * (0.5 + Math.random()));
    delay = Math.min(delay * 1.5, 250);
  }
}

/**
 * Throws now for a lock on `file` that waiting could never resolve (future-dated, not a lock, a plain file
 * naming no process), so a command with several writes can refuse before making the first one.
 */
export async function assertLockUsable(file: string): Promise<void> {
  await inspectLock(file, lockPathFor(file));
}

/** Runs `fn` while holding `<file>.lock` (the file's directory is created 0700 if needed). */
export async function withFileLock<T>(file: string, fn: () => Promise<T> | T, options: FileLockOptions = {}): Promise<T> {
  ensurePrivateDir(path.dirname(file));
  const release = await acquire(file, options);
  try {
    return await fn();
  } finally {
    // Failing here means the lock was already released or taken over as stale: nothing left to undo.
    await release().catch(() => undefined);
  }
}
