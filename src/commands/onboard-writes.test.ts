import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../test/helpers/temp-state.js";
import type { OpenClawConfig } from "../config/types.js";
import { createOnboardingWrites } from "./onboard-writes.js";

const state = useTempState({ beforeEach, afterEach }, { mkdir: ["stateDir"] });

const readConfig = () => JSON.parse(readFileSync(state().configPath, "utf8"));
const base: OpenClawConfig = { gateway: { port: 1 } };
const next: OpenClawConfig = { ...base, auth: { profiles: { "kilocode:default": { provider: "kilocode", mode: "api_key" } } } };

describe("createOnboardingWrites", () => {
  it("stores nothing until commit, then writes the config and the key", async () => {
    writeFileSync(state().configPath, JSON.stringify(base));
    const writes = createOnboardingWrites({ env: state().env, agentDir: state().agentDir });
    await writes.storeKey("kilocode", "sk-later", state().agentDir);
    expect(existsSync(state().authStorePath)).toBe(false);
    await writes.commit({ base, next, configPath: state().configPath });
    expect(readConfig().auth.profiles["kilocode:default"]).toEqual({ provider: "kilocode", mode: "api_key" });
    expect(JSON.parse(readFileSync(state().authStorePath, "utf8")).profiles["kilocode:default"].key).toBe("sk-later");
  });

  it("rolls the config change back when storing the key fails after the config was written", async () => {
    writeFileSync(state().configPath, JSON.stringify(base));
    const writes = createOnboardingWrites({ env: state().env, agentDir: state().agentDir });
    // An unknown provider passes the store's pre-checks but fails at write time.
    await writes.storeKey("no-such-provider", "sk-x", state().agentDir);
    await expect(writes.commit({ base, next, configPath: state().configPath })).rejects.toThrow();
    const after = readConfig();
    expect(after.auth).toBeUndefined();
    expect(after.gateway).toEqual({ port: 1 });
  });

  it("keeps a change another process made between this run's read and its write", async () => {
    writeFileSync(state().configPath, JSON.stringify({ ...base, auth: { profiles: { "openai:default": { provider: "openai", mode: "api_key" } } } }));
    const writes = createOnboardingWrites({ env: state().env, agentDir: state().agentDir });
    await writes.commit({ base, next, configPath: state().configPath });
    expect(Object.keys(readConfig().auth.profiles).sort()).toEqual(["kilocode:default", "openai:default"]);
  });
});

describe("createOnboardingWrites: refusals write nothing", () => {
  it("a store lock dated in the future is refused before the config is written", async () => {
    const { utimesSync } = await import("node:fs");
    writeFileSync(state().configPath, JSON.stringify(base));
    mkdirSync(`${state().authStorePath}.lock`, { recursive: true });
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(`${state().authStorePath}.lock`, future, future);
    const writes = createOnboardingWrites({ env: state().env, agentDir: state().agentDir });
    await writes.storeKey("kilocode", "sk-x", state().agentDir);
    await expect(writes.commit({ base, next, configPath: state().configPath })).rejects.toThrow("is dated in the future");
    expect(readFileSync(state().configPath, "utf8")).toBe(JSON.stringify(base));
    expect(existsSync(`${state().configPath}.bak`)).toBe(false);
  });
});
