import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempDir } from "../../test/helpers/temp-state.js";
import { warnIfSecretFileExposed, warnIfStateDirExposed } from "./file-permissions.js";
import { captureWarnings } from "./warnings.js";

const dir = useTempDir({ beforeEach, afterEach }, "openclaw-perms-");
let lines: string[];
let restore: () => void;
beforeEach(() => {
  lines = [];
  restore = captureWarnings((line) => lines.push(line));
});
afterEach(() => restore());

describe.skipIf(process.platform === "win32")("permission warnings", () => {
  it("warns once about a state dir writable by others, with the chmod to run", () => {
    chmodSync(dir(), 0o777);
    warnIfStateDirExposed(dir());
    warnIfStateDirExposed(dir());
    expect(lines).toEqual([`Warning: ${dir()} is writable by other users (mode 777); they could replace your config or keys.`, `Hint: chmod 700 ${dir()}`]);
  });

  it("warns once about a secrets file readable by others, and not about 0600 or 0700", () => {
    const file = path.join(dir(), "auth-profiles.json");
    writeFileSync(file, "{}", { mode: 0o600 });
    chmodSync(dir(), 0o700);
    warnIfSecretFileExposed(file);
    warnIfStateDirExposed(dir());
    expect(lines).toEqual([]);
    chmodSync(file, 0o644);
    warnIfSecretFileExposed(file);
    warnIfSecretFileExposed(file);
    expect(lines).toEqual([`Warning: ${file} is readable by other users (mode 644) and may hold API keys.`, `Hint: chmod 600 ${file}`]);
  });
});
