import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../../test/helpers/temp-state.js";
import { isOpenClawError } from "../../infra/errors.js";
import { ensureAuthProfileStore, normalizeSecretInput, upsertAuthProfile } from "./store.js";

const tempState = useTempState({ beforeEach, afterEach });

const readStore = () => JSON.parse(readFileSync(tempState().authStorePath, "utf8"));

describe("ensureAuthProfileStore", () => {
  it("returns an empty store when the file is missing", () => {
    expect(ensureAuthProfileStore(tempState().agentDir)).toEqual({ version: 1, profiles: {} });
  });

  it("drops malformed entries and trims order lists", () => {
    mkdirSync(tempState().agentDir, { recursive: true });
    writeFileSync(
      tempState().authStorePath,
      JSON.stringify({
        version: 1,
        profiles: {
          good: { type: "api_key", provider: "kilocode", key: "k" },
          badType: { type: "password", provider: "kilocode" },
          noProvider: { type: "api_key", key: "k" },
        },
        order: { kilocode: [" good ", 5, ""] },
      }),
    );
    const store = ensureAuthProfileStore(tempState().agentDir);
    expect(Object.keys(store.profiles)).toEqual(["good"]);
    expect(store.order).toEqual({ kilocode: ["good"] });
  });

  it("refuses a broken file with the path, without overwriting it", async () => {
    mkdirSync(tempState().agentDir, { recursive: true });
    writeFileSync(tempState().authStorePath, "{ broken");
    let err: unknown;
    try {
      ensureAuthProfileStore(tempState().agentDir);
    } catch (error) {
      err = error;
    }
    expect(isOpenClawError(err) && err.code).toBe("AUTH_STORE_PARSE");
    expect((err as Error).message).toContain(tempState().authStorePath);
    await expect(upsertAuthProfile({ profileId: "a", credential: { type: "api_key", provider: "x", key: "k" }, agentDir: tempState().agentDir })).rejects.toThrow();
    expect(readFileSync(tempState().authStorePath, "utf8")).toBe("{ broken");
  });
});

describe("upsertAuthProfile", () => {
  it("normalises the secret, keeps unknown fields and writes mode 0600", async () => {
    mkdirSync(tempState().agentDir, { recursive: true });
    writeFileSync(tempState().authStorePath, JSON.stringify({ version: 1, profiles: { other: { type: "oauth", provider: "p", access: "a", extra: { x: 1 } } } }));
    await upsertAuthProfile({ profileId: "kilocode:default", credential: { type: "api_key", provider: "kilocode", key: " sk-1\r\n\u2028" }, agentDir: tempState().agentDir });
    expect(readStore().profiles).toEqual({
      other: { type: "oauth", provider: "p", access: "a", extra: { x: 1 } },
      "kilocode:default": { type: "api_key", provider: "kilocode", key: "sk-1" },
    });
    expect(statSync(tempState().authStorePath).mode & 0o777).toBe(0o600);
    expect(readdirSync(tempState().agentDir)).toEqual(["auth-profiles.json"]);
  });

  it("never loses a profile under concurrent writers in one process", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        upsertAuthProfile({ profileId: `p${index}:default`, credential: { type: "api_key", provider: `p${index}`, key: `k${index}` }, agentDir: tempState().agentDir }),
      ),
    );
    expect(Object.keys(readStore().profiles).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `p${index}:default`).sort());
  });
});

describe("normalizeSecretInput", () => {
  it("strips line breaks anywhere and surrounding space", () => {
    expect(normalizeSecretInput(" a\nb\u2029 ")).toBe("ab");
  });
});

describe("unknown and malformed data", () => {
  it("keeps unknown top-level keys, unknown profile types and a newer version on rewrite", async () => {
    mkdirSync(tempState().agentDir, { recursive: true });
    const original = {
      version: 3,
      profiles: {
        future: { type: "passkey", provider: "kilocode", blob: "x" },
        noProvider: { type: "api_key", key: "k" },
        keep: { type: "api_key", provider: "openai", key: "sk-o" },
      },
      futureSection: { a: [1, 2] },
      order: { kilocode: ["kilocode:default"] },
    };
    writeFileSync(tempState().authStorePath, JSON.stringify(original));
    await upsertAuthProfile({ profileId: "kilocode:default", credential: { type: "api_key", provider: "kilocode", key: "sk-k" }, agentDir: tempState().agentDir });
    expect(readStore()).toEqual({
      ...original,
      profiles: { ...original.profiles, "kilocode:default": { type: "api_key", provider: "kilocode", key: "sk-k" } },
    });
  });

  it("sets aside a profile whose key is not a string with one warning naming file and profile, and keeps it", async () => {
    const { captureWarnings } = await import("../../infra/warnings.js");
    const lines: string[] = [];
    const restore = captureWarnings((line) => lines.push(line));
    try {
      mkdirSync(tempState().agentDir, { recursive: true });
      writeFileSync(tempState().authStorePath, JSON.stringify({ version: 1, profiles: { "kilocode:default": { type: "api_key", provider: "kilocode", key: 123 } } }), { mode: 0o600 });
      expect(ensureAuthProfileStore(tempState().agentDir).profiles).toEqual({});
      ensureAuthProfileStore(tempState().agentDir);
      expect(lines.filter((line) => line.startsWith("Warning:"))).toEqual([
        `Warning: Ignoring auth profile "kilocode:default" in ${tempState().authStorePath}: "key" must be a string.`,
      ]);
      await upsertAuthProfile({ profileId: "openai:default", credential: { type: "api_key", provider: "openai", key: "sk-o" }, agentDir: tempState().agentDir });
      expect(readStore().profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", key: 123 });
      await upsertAuthProfile({ profileId: "kilocode:default", credential: { type: "api_key", provider: "kilocode", key: "sk-k" }, agentDir: tempState().agentDir });
      expect(readStore().profiles["kilocode:default"].key).toBe("sk-k");
    } finally {
      restore();
    }
  });

  it.each([
    ["a top-level array", "[]", "the top level must be a JSON object"],
    ["profiles as an array", '{"profiles": []}', '"profiles" must be a JSON object'],
    ["5,000 levels of nesting", `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`, "it is nested too deeply to be an auth store"],
  ])("refuses %s in one line, and upsert leaves the file as it was", async (_label, text, reason) => {
    mkdirSync(tempState().agentDir, { recursive: true });
    writeFileSync(tempState().authStorePath, text);
    expect(() => ensureAuthProfileStore(tempState().agentDir)).toThrow(`Failed to parse auth store ${tempState().authStorePath}: ${reason}`);
    await expect(upsertAuthProfile({ profileId: "a", credential: { type: "api_key", provider: "x", key: "k" }, agentDir: tempState().agentDir })).rejects.toThrow(reason);
    expect(readFileSync(tempState().authStorePath, "utf8")).toBe(text);
  });

  it("refuses to write through a symlinked auth-profiles.json", async () => {
    const { symlinkSync } = await import("node:fs");
    const path = await import("node:path");
    mkdirSync(tempState().agentDir, { recursive: true });
    const real = path.join(tempState().root, "real-store.json");
    writeFileSync(real, JSON.stringify({ version: 1, profiles: {} }));
    symlinkSync(real, tempState().authStorePath);
    await expect(upsertAuthProfile({ profileId: "a", credential: { type: "api_key", provider: "x", key: "k" }, agentDir: tempState().agentDir })).rejects.toThrow(
      `Refusing to write ${tempState().authStorePath}: it is a symbolic link`,
    );
    expect(JSON.parse(readFileSync(real, "utf8"))).toEqual({ version: 1, profiles: {} });
  });
});
