import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../../../test/helpers/temp-state.js";
import { describeError, OpenClawError, renderError } from "../../../infra/errors.js";
import { createCapturingRuntime } from "../../../runtime.js";
import { applyNonInteractiveAuthChoice } from "./auth-choice.js";

const tempState = useTempState({ beforeEach, afterEach });

const readStore = () => JSON.parse(readFileSync(tempState().authStorePath, "utf8"));

function run(opts: Parameters<typeof applyNonInteractiveAuthChoice>[0]["opts"], env: Record<string, string> = {}, authChoice: "kilocode-api-key" | "token" | "skip" = "kilocode-api-key") {
  const runtime = createCapturingRuntime();
  const promise = applyNonInteractiveAuthChoice({ nextConfig: { gateway: { port: 1 } }, baseConfig: {}, authChoice, opts, runtime, agentDir: tempState().agentDir, env });
  return { runtime, promise };
}

describe("applyNonInteractiveAuthChoice kilocode-api-key", () => {
  it("uses the flag, stores the profile and applies the Kilo config", async () => {
    const { promise } = run({ kilocodeApiKey: "sk-flag" }, { KILOCODE_API_KEY: "sk-env" });
    const cfg = await promise;
    expect(readStore().profiles["kilocode:default"]).toEqual({ type: "api_key", provider: "kilocode", key: "sk-flag" });
    expect(cfg?.auth?.profiles?.["kilocode:default"]).toEqual({ provider: "kilocode", mode: "api_key" });
    expect(cfg?.agents?.defaults?.model).toEqual({ primary: "kilocode/anthropic/claude-opus-4.6" });
    expect(cfg?.models?.providers?.kilocode?.api).toBe("openai-completions");
    expect(cfg?.gateway).toEqual({ port: 1 });
  });

  it("falls back to KILOCODE_API_KEY", async () => {
    await run({}, { KILOCODE_API_KEY: "sk-env" }).promise;
    expect(readStore().profiles["kilocode:default"].key).toBe("sk-env");
  });

  it("falls back to an existing profile without rewriting it", async () => {
    mkdirSync(tempState().agentDir, { recursive: true });
    const store = { version: 1, profiles: { "kilocode:default": { type: "api_key", provider: "kilocode", key: "sk-old", metadata: { note: "keep" } } } };
    writeFileSync(tempState().authStorePath, JSON.stringify(store));
    const cfg = await run({}).promise;
    expect(readStore()).toEqual(store);
    expect(cfg?.agents?.defaults?.model).toEqual({ primary: "kilocode/anthropic/claude-opus-4.6" });
  });

  it("reports the missing key as a typed error with the exact message, and writes nothing", async () => {
    const err = await run({}).promise.catch((error: unknown) => error);
    expect(err).toBeInstanceOf(OpenClawError);
    expect((err as OpenClawError).code).toBe("ONBOARD_MISSING_KEY");
    expect(renderError(describeError(err)).split("\n")[0]).toBe("Error: Missing --kilocode-api-key (or KILOCODE_API_KEY in env, or existing kilocode API-key profile).");
    expect(existsSync(tempState().authStorePath)).toBe(false);
  });

  it("handles --auth-choice token with --token-provider kilocode", async () => {
    await run({ tokenProvider: "kilocode", token: "sk-tok" }, {}, "token").promise;
    expect(readStore().profiles["kilocode:default"].key).toBe("sk-tok");
    const err = await run({ tokenProvider: "kilocode" }, {}, "token").promise.catch((error: unknown) => error);
    expect(err).toBeInstanceOf(OpenClawError);
    expect((err as OpenClawError).code).toBe("ONBOARD_FLAG");
    expect((err as Error).message).toContain("--token-provider <id> and --token <token>");
  });

  it("skip leaves the config unchanged", async () => {
    expect(await run({}, {}, "skip").promise).toEqual({ gateway: { port: 1 } });
  });
});
