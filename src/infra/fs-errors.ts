/**
 * Turns a file-system errno into a one-line OpenClawError that names the file and says what to do,
 * instead of a raw `ENOTDIR: not a directory, mkdir ...`.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { OpenClawError } from "./errors.js";

const MOVE_STATE_HINT = "or point OPENCLAW_STATE_DIR (or OPENCLAW_CONFIG_PATH) at a usable location";

/** The nearest ancestor of `target` that exists but is not a directory (the thing blocking a path). */
function findBlockingFile(target: string): string | undefined {
  let current = path.dirname(path.resolve(target));
  while (true) {
    try {
      return statSync(current).isDirectory() ? undefined : current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  }
}

export function errnoCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null ? ((err as NodeJS.ErrnoException).code ?? undefined) : undefined;
}

/** `action` completes "Cannot <action> <file>", e.g. "write", "read", "create the directory". */
export function fsError(err: unknown, file: string, action: string): OpenClawError {
  if (err instanceof OpenClawError) return err;
  const code = errnoCode(err);
  const base = `Cannot ${action} ${file}`;
  const make = (reason: string, hint: string) => new OpenClawError(`FS_${code ?? "ERROR"}`, `${base}: ${reason}`, { hint, cause: err });
  switch (code) {
    case "ENOTDIR":
    case "EEXIST": {
      const blocker = findBlockingFile(file) ?? (code === "EEXIST" ? file : undefined);
      if (blocker) {
        return make(`${blocker} is a file, not a directory`, `Move ${blocker} aside (it is where a directory must be), ${MOVE_STATE_HINT}.`);
      }
      return make("a parent path is not a directory", `Check the path, ${MOVE_STATE_HINT}.`);
    }
    case "EACCES":
    case "EPERM":
      return make("permission denied", `Check the owner and permissions of ${path.dirname(file)} (ls -ld), ${MOVE_STATE_HINT}.`);
    case "EROFS":
      return make("the file system is read-only", `Remount it read-write, ${MOVE_STATE_HINT}.`);
    case "ENOSPC":
    case "EDQUOT":
      return make("no space left on the device", "Free some disk space, then re-run.");
    case "EISDIR":
      return make("it is a directory", `Move the directory aside, ${MOVE_STATE_HINT}.`);
    case "ELOOP":
      return make("it is a symbolic link (links are not followed)", `Replace the link with a regular file, ${MOVE_STATE_HINT}.`);
    default:
      return make((err as Error)?.message ?? String(err), `Check ${file} and its directory, then re-run.`);
  }
}
