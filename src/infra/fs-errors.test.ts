import { describe, expect, it } from "vitest";
import { fsError } from "./fs-errors.js";

const errno = (code: string) => Object.assign(new Error(`${code}: raw`), { code });

describe("fsError", () => {
  it.each([
    ["EROFS", "the file system is read-only", "Remount it read-write"],
    ["EACCES", "permission denied", "Check the owner and permissions of /s"],
    ["EPERM", "permission denied", "OPENCLAW_STATE_DIR"],
    ["ENOSPC", "no space left on the device", "Free some disk space"],
  ])("maps %s to one line naming the file, with a hint (never 'another process')", (code, reason, hint) => {
    const err = fsError(errno(code), "/s/openclaw.json", "write");
    expect(err.message).toBe(`Cannot write /s/openclaw.json: ${reason}`);
    expect(err.hint).toContain(hint);
    expect(err.hint).not.toMatch(/another openclaw/i);
  });
});
