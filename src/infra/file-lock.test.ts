import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempDir } from "../../test/helpers/temp-state.js";
import { isOpenClawError } from "./errors.js";
import { lockPathFor, withFileLock } from "./file-lock.js";

const dir = useTempDir({ beforeEach, afterEach }, "openclaw-lock-");
let file: string;
beforeEach(() => {
  file = path.join(dir(), "auth-profiles.json");
});

const errorOf = async (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err);
const deadPid = () => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);

describe("withFileLock", () => {
  it("serialises 20 concurrent read-modify-writes in one process (0 lost)", async () => {
    writeFileSync(file, "0");
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withFileLock(file, async () => {
          const value = Number(readFileSync(file, "utf8"));
          await new Promise((resolve) => setTimeout(resolve, 2));
          writeFileSync(file, String(value + 1));
        }),
      ),
    );
    expect(readFileSync(file, "utf8")).toBe("20");
    expect(existsSync(lockPathFor(file))).toBe(false);
  });

  it("takes over a lock left by a killed process once it is stale", async () => {
    mkdirSync(lockPathFor(file));
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(file), old, old);
    expect(await withFileLock(file, () => "ran")).toBe("ran");
  });

  it("refuses a lock dated in the future at once, naming it and how to remove it", async () => {
    mkdirSync(lockPathFor(file));
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(lockPathFor(file), future, future);
    const started = Date.now();
    const err = await errorOf(withFileLock(file, () => undefined));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(isOpenClawError(err) && err.code).toBe("FILE_LOCK_FUTURE");
    expect((err as Error).message).toContain(`the lock ${lockPathFor(file)} is dated in the future`);
    expect(isOpenClawError(err) && err.hint).toContain(`rm -rf ${lockPathFor(file)}`);
  });

  it("refuses a plain-file lock that names no process at once", async () => {
    writeFileSync(lockPathFor(file), "");
    const old = new Date(Date.now() - 10_000);
    utimesSync(lockPathFor(file), old, old);
    const started = Date.now();
    const err = await errorOf(withFileLock(file, () => undefined));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(isOpenClawError(err) && err.code).toBe("FILE_LOCK_INVALID");
    expect((err as Error).message).toBe(`Cannot lock ${file}: ${lockPathFor(file)} is a plain file that names no process`);
  });

  it("removes upstream's plain-file lock whose pid is dead, and waits (bounded) for a live one", async () => {
    writeFileSync(lockPathFor(file), JSON.stringify({ pid: deadPid(), createdAt: new Date().toISOString() }));
    expect(await withFileLock(file, () => "ran")).toBe("ran");

    writeFileSync(lockPathFor(file), JSON.stringify({ pid: process.ppid, createdAt: new Date().toISOString() }));
    const err = await errorOf(withFileLock(file, () => undefined, { waitMs: 300 }));
    expect(isOpenClawError(err) && err.code).toBe("FILE_LOCKED");
    expect((err as Error).message).toContain(`process ${process.ppid} holds ${lockPathFor(file)}`);
    expect(readFileSync(lockPathFor(file), "utf8")).toContain(String(process.ppid));
  });

  it("gives up on a lock held by another openclaw within the bounded wait, with the right hint", async () => {
    mkdirSync(lockPathFor(file));
    const err = await errorOf(withFileLock(file, () => undefined, { waitMs: 300, staleMs: 60_000 }));
    expect(isOpenClawError(err) && err.code).toBe("FILE_LOCKED");
    expect(isOpenClawError(err) && err.hint).toContain("Wait for the other openclaw command to finish");
  });

  it.skipIf(process.getuid?.() === 0)("blames a read-only directory on permissions, not on another process", async () => {
    const { chmodSync } = await import("node:fs");
    chmodSync(dir(), 0o500);
    try {
      const err = await errorOf(withFileLock(file, () => undefined));
      expect((err as Error).message).toContain("permission denied");
      expect(isOpenClawError(err) && err.hint).not.toContain("another");
    } finally {
      chmodSync(dir(), 0o700);
    }
  });
});
