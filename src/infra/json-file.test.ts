import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, lstatSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempDir } from "../../test/helpers/temp-state.js";
import { isOpenClawError } from "./errors.js";
import { readTextFileIfExists, removeStaleTempFiles, writeTextFileAtomicSync } from "./json-file.js";

const dir = useTempDir({ beforeEach, afterEach }, "openclaw-jsonfile-");

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** A pid that certainly belongs to no running process: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("writeTextFileAtomicSync", () => {
  it("writes mode 0600 and leaves no temp file", () => {
    const file = path.join(dir(), "sub", "a.json");
    writeTextFileAtomicSync(file, "{}\n");
    expect(readFileSync(file, "utf8")).toBe("{}\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(["a.json"]);
  });

  it("names its temp file so that the stale-file cleanup recognises it once its writer is dead", () => {
    const file = path.join(dir(), "state.json");
    let tempName = "";
    function* pieces(): Generator<string> {
      yield "{";
      tempName = readdirSync(dir()).find((name) => name.endsWith(".tmp")) ?? "";
      yield "}";
    }
    writeTextFileAtomicSync(file, pieces());
    expect(tempName).toMatch(/^state\.json\.\d+\.[0-9a-f-]{36}\.tmp$/);
    // The same name, left behind by a process that is gone, is removed by the next write's cleanup.
    const orphan = path.join(dir(), tempName.replace(/^state\.json\.\d+\./, `state.json.${deadPid()}.`));
    writeFileSync(orphan, "half");
    expect(removeStaleTempFiles(file)).toBe(1);
    expect(existsSync(orphan)).toBe(false);
  });

  it("writes text given in pieces, in order; a piece source that fails leaves the old file and no temp file", () => {
    const file = path.join(dir(), "pieces.json");
    writeTextFileAtomicSync(file, ["{", '"a":', "[1,2]", "}"], { durable: false });
    expect(readFileSync(file, "utf8")).toBe('{"a":[1,2]}');
    function* failing(): Generator<string> {
      yield "partial";
      throw new Error("source broke");
    }
    expect(() => writeTextFileAtomicSync(file, failing())).toThrow();
    expect(readFileSync(file, "utf8")).toBe('{"a":[1,2]}');
    expect(readdirSync(dir())).toEqual(["pieces.json"]);
  });

  it("refuses a symlink at the target by default, touching neither the link nor its target", () => {
    const target = path.join(dir(), "real.json");
    const link = path.join(dir(), "link.json");
    writeFileSync(target, "original");
    symlinkSync(target, link);
    const err = errorOf(() => writeTextFileAtomicSync(link, "new", { linkHint: "or point X at the real file" }));
    expect(isOpenClawError(err) && err.code).toBe("FILE_SYMLINK");
    expect((err as Error).message).toBe(`Refusing to write ${link}: it is a symbolic link (to ${target}), and writes never follow links`);
    expect(isOpenClawError(err) && err.hint).toContain("or point X at the real file");
    expect(readFileSync(target, "utf8")).toBe("original");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('with symlink: "replace", swaps the link for a regular file and never writes through it', () => {
    const target = path.join(dir(), "victim");
    const link = path.join(dir(), "cache.json");
    writeFileSync(target, "do not touch");
    symlinkSync(target, link);
    writeTextFileAtomicSync(link, "fresh", { symlink: "replace" });
    expect(lstatSync(link).isFile()).toBe(true);
    expect(readFileSync(link, "utf8")).toBe("fresh");
    expect(readFileSync(target, "utf8")).toBe("do not touch");
  });

  it("removes temp files left by a killed writer, and keeps a live writer's", () => {
    const file = path.join(dir(), "openclaw.json");
    const stale = `${file}.${deadPid()}.0f8fad5b-d9cb-469f-a165-70867728950e.tmp`;
    const live = `${file}.${process.ppid}.7c9e6679-7425-40de-944b-e07fc1f90ae7.tmp`;
    const unrelated = `${file}.bak.1`;
    for (const name of [stale, live, unrelated]) writeFileSync(name, "x");
    writeTextFileAtomicSync(file, "{}");
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
    expect(removeStaleTempFiles(file)).toBe(0);
  });

  it("names the file in a clear error when a plain file sits where the directory should be", () => {
    const blocker = path.join(dir(), "state");
    writeFileSync(blocker, "");
    const err = errorOf(() => writeTextFileAtomicSync(path.join(blocker, "agents", "a.json"), "{}"));
    expect((err as Error).message).toContain(`${blocker} is a file, not a directory`);
    expect(isOpenClawError(err) && err.hint).toContain(`Move ${blocker} aside`);
  });
});

describe("readTextFileIfExists", () => {
  it("returns undefined for a missing file and the text otherwise", () => {
    expect(readTextFileIfExists(path.join(dir(), "none"))).toBeUndefined();
    writeFileSync(path.join(dir(), "a"), "hi");
    expect(readTextFileIfExists(path.join(dir(), "a"))).toBe("hi");
  });

  it("refuses a FIFO at once instead of blocking forever", () => {
    const fifo = path.join(dir(), "openclaw.json");
    execFileSync("mkfifo", [fifo]);
    const err = errorOf(() => readTextFileIfExists(fifo));
    expect(isOpenClawError(err) && err.code).toBe("FILE_NOT_REGULAR");
    expect((err as Error).message).toBe(`Cannot read ${fifo}: it is a FIFO (named pipe), not a regular file`);
  });

  it("refuses a character device (e.g. a symlink to /dev/zero)", () => {
    const link = path.join(dir(), "auth-profiles.json");
    symlinkSync("/dev/zero", link);
    const err = errorOf(() => readTextFileIfExists(link));
    expect((err as Error).message).toBe(`Cannot read ${link}: it is a character device, not a regular file`);
  });
});
