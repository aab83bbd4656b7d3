/**
 * Warnings (once per path and run) when the state dir is writable by other users or a file holding secrets
 * is readable by them. Warnings only: the user may share a machine on purpose, and refusing would lock
 * them out of their own setup. POSIX modes only; skipped on Windows.
 */
import { statSync } from "node:fs";
import { warnOnce } from "./warnings.js";

function modeOf(target: string): number | undefined {
  if (process.platform === "win32") return undefined;
  try {
    return statSync(target).mode & 0o777;
  } catch {
    return undefined;
  }
}

function octal(mode: number): string {
  return mode.toString(8).padStart(3, "0");
}

export function warnIfStateDirExposed(dir: string): void {
  const mode = modeOf(dir);
  if (mode === undefined || (mode & 0o022) === 0) return;
  // A sticky world-writable dir (e.g. /tmp) still lets others create files next to ours.
  warnOnce(`perm-dir:${dir}`, `${dir} is writable by other users (mode ${octal(mode)}); they could replace your config or keys.`, `chmod 700 ${dir}`);
}

export function warnIfSecretFileExposed(file: string): void {
  const mode = modeOf(file);
  if (mode === undefined || (mode & 0o044) === 0) return;
  warnOnce(`perm-file:${file}`, `${file} is readable by other users (mode ${octal(mode)}) and may hold API keys.`, `chmod 600 ${file}`);
}
