import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempState, type TempState } from "../../../test/helpers/temp-state.js";
import { isOpenClawError } from "../../infra/errors.js";
import { ensureAuthProfileStore, normalizeSecretInput, upsertAuthProfile } from "./store.js";

let state: TempState;
beforeEach(() => {
  state = createTempState();
});
afterEach(() => state.cleanup());

const readStore = () => JSON.parse(readFileSync(state.authStorePath, "utf8"));

describe("ensureAuthProfileStore", () => {
  it("returns an empty store when the file is missing", () => {
    expect(ensureAuthProfileStore(state.agentDir)).toEqual({ version: 1, profiles: {} });
  });

  it("drops malformed entries and trims order lists", () => {
    mkdirSync(state.agentDir, { recursive: true });
    writeFileSync(
      state.authStorePath,
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
    const store = ensureAuthProfileStore(state.agentDir);
    expect(Object.keys(store.profiles)).toEqual(["good"]);
    expect(store.order).toEqual({ kilocode: ["good"] });
  });

  it("refuses a broken file with the path, without overwriting it", async () => {
    mkdirSync(state.agentDir, { recursive: true });
    writeFileSync(state.authStorePath, "{ broken");
    let err: unknown;
    try {
      ensureAuthProfileStore(state.agentDir);
    } catch (error) {
      err = error;
    }
    expect(isOpenClawError(err) && err.code).toBe("AUTH_STORE_PARSE");
    expect((err as Error).message).toContain(state.authStorePath);
    await expect(upsertAuthProfile({ profileId: "a", credential: { type: "api_key", provider: "x", key: "k" }, agentDir: state.agentDir })).rejects.toThrow();
    expect(readFileSync(state.authStorePath, "utf8")).toBe("{ broken");
  });
});

describe("upsertAuthProfile", () => {
  it("normalises the secret, keeps unknown fields and writes mode 0600", async () => {
    mkdirSync(state.agentDir, { recursive: true });
    writeFileSync(state.authStorePath, JSON.stringify({ version: 1, profiles: { other: { type: "oauth", provider: "p", access: "a", extra: { x: 1 } } } }));
    await upsertAuthProfile({ profileId: "kilocode:default", credential: { type: "api_key", provider: "kilocode", key: " sk-1\r\n\u2028" }, agentDir: state.agentDir });
    expect(readStore().profiles).toEqual({
      other: { type: "oauth", provider: "p", access: "a", extra: { x: 1 } },
      "kilocode:default": { type: "api_key", provider: "kilocode", key: "sk-1" },
    });
    expect(statSync(state.authStorePath).mode & 0o777).toBe(0o600);
    expect(readdirSync(state.agentDir)).toEqual(["auth-profiles.json"]);
  });

  it("never loses a profile under concurrent writers in one process", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        upsertAuthProfile({ profileId: `p${index}:default`, credential: { type: "api_key", provider: `p${index}`, key: `k${index}` }, agentDir: state.agentDir }),
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
    mkdirSync(state.agentDir, { recursive: true });
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
    writeFileSync(state.authStorePath, JSON.stringify(original));
    await upsertAuthProfile({ profileId: "kilocode:default", credential: { type: "api_key", provider: "kilocode", key: "sk-k" }, agentDir: state.agentDir });
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
      mkdirSync(state.agentDir, { recursive: true });
      writeFileSync(state.authStorePath, JSON.stringify({ version: 1, profiles: { "kilocode:default": { type: "api_key", provider: "kilocode", key: 123 } } }), { mode: 0o600 });
      expect(ensureAuthProfileStore(state.agentDir).profiles).toEqual({});
      ensureAuthProfileStore(state.agentDir);
      expect(lines.filter((line) => line.startsWith("Warning:"))).toEqual([
        `Warning: Ignoring auth profile "kilocode:default" in ${state.authStorePath}: "key" must be a string.`,
      ]);
      await upsertAuthProfile({ profileId: "openai:default", credential: { type: "api_key", provider: "openai", key: "sk-o" }, agentDir: state.agentDir });
      expect(readStore().profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", key: 123 });
      await upsertAuthProfile({ profileId: "kilocode:default", credential: { type: "api_key", provider: "kilocode", key: "sk-k" }, agentDir: state.agentDir });
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
    mkdirSync(state.agentDir, { recursive: true });
    writeFileSync(state.authStorePath, text);
    expect(() => ensureAuthProfileStore(state.agentDir)).toThrow(`Failed to parse auth store ${state.authStorePath}: ${reason}`);
    await expect(upsertAuthProfile({ profileId: "a", credential: { type: "api_key", provider: "x", key: "k" }, agentDir: state.agentDir })).rejects.toThrow(reason);
    expect(readFileSync(state.authStorePath, "utf8")).toBe(text);
  });

  it("refuses to write through a symlinked auth-profiles.json", async () => {
    const { symlinkSync } = await import("node:fs");
    const path = await import("node:path");
    mkdirSync(state.agentDir, { recursive: true });
    const real = path.join(state.root, "real-store.json");
    writeFileSync(real, JSON.stringify({ version: 1, profiles: {} }));
    symlinkSync(real, state.authStorePath);
    await expect(upsertAuthProfile({ profileId: "a", credential: { type: "api_key", provider: "x", key: "k" }, agentDir: state.agentDir })).rejects.toThrow(
      `Refusing to write ${state.authStorePath}: it is a symbolic link`,
    );
    expect(JSON.parse(readFileSync(real, "utf8"))).toEqual({ version: 1, profiles: {} });
  });
});
