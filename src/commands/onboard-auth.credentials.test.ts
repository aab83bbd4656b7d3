import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../test/helpers/temp-state.js";
import { KILOCODE_DEFAULT_MODEL_REF, OPENROUTER_DEFAULT_MODEL_REF, setKilocodeApiKey, setOpenrouterApiKey, setProviderApiKey } from "./onboard-auth.credentials.js";

const state = useTempState({ beforeEach, afterEach }, { processEnv: true });

const readStore = (file = state().authStorePath) => JSON.parse(readFileSync(file, "utf8"));

describe("KILOCODE_DEFAULT_MODEL_REF", () => {
  it("is the design's default model ref", () => {
    expect(KILOCODE_DEFAULT_MODEL_REF).toBe("kilocode/anthropic/claude-opus-4.6");
    expect(OPENROUTER_DEFAULT_MODEL_REF).toBe("openrouter/auto");
  });
});

describe("setKilocodeApiKey", () => {
  it("writes the kilocode:default api_key profile into the default agent dir", async () => {
    await setKilocodeApiKey("sk-kilo-1");
    expect(readStore()).toEqual({
      version: 1,
      profiles: { "kilocode:default": { type: "api_key", provider: "kilocode", key: "sk-kilo-1" } },
    });
    expect(statSync(state().authStorePath).mode & 0o777).toBe(0o600);
  });

  it("writes into an explicit agent dir and keeps every other profile and bookkeeping", async () => {
    const agentDir = path.join(state().root, "other-agent");
    mkdirSync(agentDir, { recursive: true });
    const existing = {
      version: 1,
      profiles: { "openrouter:default": { type: "api_key", provider: "openrouter", key: "sk-or" } },
      order: { openrouter: ["openrouter:default"] },
      lastGood: { openrouter: "openrouter:default" },
      usageStats: { "openrouter:default": { lastUsed: 5 } },
    };
    writeFileSync(path.join(agentDir, "auth-profiles.json"), JSON.stringify(existing));
    await setKilocodeApiKey("sk-kilo-2", agentDir);
    const store = readStore(path.join(agentDir, "auth-profiles.json"));
    expect(store.profiles["openrouter:default"]).toEqual(existing.profiles["openrouter:default"]);
    expect(store.profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", key: "sk-kilo-2" });
    expect(store.order).toEqual(existing.order);
    expect(store.lastGood).toEqual(existing.lastGood);
    expect(store.usageStats).toEqual(existing.usageStats);
  });

  it("replaces the previous kilocode key", async () => {
    await setKilocodeApiKey("sk-old");
    await setKilocodeApiKey("sk-new\n");
    expect(readStore().profiles["kilocode:default"].key).toBe("sk-new");
  });

  it("stores a keyRef in ref mode or for a literal ${KILOCODE_API_KEY}", async () => {
    await setProviderApiKey("kilocode", "ignored", undefined, { secretInputMode: "ref" });
    const ref = { source: "env", provider: "default", id: "KILOCODE_API_KEY" };
    expect(readStore().profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", keyRef: ref });
    await setKilocodeApiKey("sk-plain");
    await setKilocodeApiKey("${KILOCODE_API_KEY}");
    expect(readStore().profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", keyRef: ref });
  });
});

describe("setOpenrouterApiKey", () => {
  it('turns the literal "undefined" into an empty key', async () => {
    await setOpenrouterApiKey("undefined");
    expect(readStore().profiles["openrouter:default"]).toEqual({ type: "api_key", provider: "openrouter", key: "" });
  });
});
