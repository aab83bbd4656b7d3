/** Two (or more) onboardings at once must never lose each other's credentials. */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { useTempState } from "./helpers/temp-state.js";

const tempState = useTempState({ beforeEach, afterEach });

it("12 concurrent onboarding processes (3 per provider) keep all four profiles in the store and the config", async () => {
  const flags = [
    ["--kilocode-api-key", "sk-kilo-000001"],
    ["--openrouter-api-key", "sk-or-000002"],
    ["--openai-api-key", "sk-oa-000003"],
    ["--anthropic-api-key", "sk-ant-000004"],
  ];
  const runs = [...flags, ...flags, ...flags].map((pair) => runCli(["onboard", "--non-interactive", ...pair], { env: tempState().env, timeoutMs: 60_000 }));
  const results = await Promise.all(runs);
  for (const result of results) expect(result.code, result.stderr).toBe(0);
  const providers = ["anthropic:default", "kilocode:default", "openai:default", "openrouter:default"];
  const store = JSON.parse(readFileSync(tempState().authStorePath, "utf8"));
  expect(Object.keys(store.profiles).sort()).toEqual(providers);
  // The config's read-modify-write is locked and re-applied onto the fresh file: no writer's entry is lost.
  const config = JSON.parse(readFileSync(tempState().configPath, "utf8"));
  expect(Object.keys(config.auth.profiles).sort()).toEqual(providers);
  expect(config.models.providers.kilocode).toBeDefined();
}, 120_000);

it("killing onboarding at any moment never leaves a truncated config or store", async () => {
  const { spawn } = await import("node:child_process");
  const { existsSync } = await import("node:fs");
  const { CLI_ENTRY } = await import("./helpers/run-cli.js");
  // An existing config and store that a torn write would destroy.
  expect((await runCli(["onboard", "--non-interactive", "--openrouter-api-key", "sk-or-keep"], { env: tempState().env })).code).toBe(0);
  for (const delayMs of [5, 15, 30, 45, 60, 80, 100, 130]) {
    const child = spawn(process.execPath, [CLI_ENTRY, "onboard", "--non-interactive", "--kilocode-api-key", `sk-kilo-${delayMs}`], {
      env: { ...process.env, ...tempState().env },
      stdio: "ignore",
    });
    const closed = new Promise((resolve) => child.on("close", resolve));
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    child.kill("SIGKILL");
    await closed;
    for (const file of [tempState().configPath, tempState().authStorePath]) {
      expect(existsSync(file)).toBe(true);
      expect(() => JSON.parse(readFileSync(file, "utf8")), `${file} after a kill at ${delayMs} ms`).not.toThrow();
    }
    expect(JSON.parse(readFileSync(tempState().authStorePath, "utf8")).profiles["openrouter:default"].key).toBe("sk-or-keep");
  }
  // A lock left behind by a killed writer goes stale within seconds; the next onboarding succeeds.
  const after = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", "sk-kilo-after"], { env: tempState().env, timeoutMs: 30_000 });
  expect(after.code, after.stderr).toBe(0);
  expect(JSON.parse(readFileSync(tempState().authStorePath, "utf8")).profiles["kilocode:default"].key).toBe("sk-kilo-after");
}, 60_000);
