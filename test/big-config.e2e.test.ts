/**
 * A hand-written config with 10 000 models, through the built CLI: onboarding changes exactly what it changes
 * on the same config with a short model list (nothing of the big list is lost, reordered or rewritten), and a
 * bad model deep in the list is reported as on a small config, with nothing written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { createTempState, type TempState } from "./helpers/temp-state.js";

const KEY = "sk-kilo-bigconfig-0123456789abcdef";
let states: TempState[] = [];

beforeEach(() => {
  states = [];
});
afterEach(() => {
  for (const state of states) state.cleanup();
});

function stateWith(config: unknown): TempState {
  const state = createTempState();
  states.push(state);
  mkdirSync(state.stateDir, { recursive: true });
  writeFileSync(state.configPath, `${JSON.stringify(config, null, 2)}\n`);
  return state;
}

function userModels(count: number): Record<string, unknown>[] {
  const cost = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
  return Array.from({ length: count }, (_, index) => {
    const model = { id: `vendor${index % 40}/model-${index}`, name: `Vendor ${index % 40}: Model ${index}`, reasoning: index % 2 === 1 };
    const limits = { input: index % 3 ? ["text"] : ["text", "image"], cost, contextWindow: 200_000, maxTokens: 8192 };
    return { ...model, ...limits, ...(index === count - 1 ? { headers: { "X-Team": "${TEAM_ID}" } } : {}) };
  });
}

/** What a user might have written: their own models (one with a header from the env), unknown sections, a key reference. */
function handWritten(modelCount: number) {
  return {
    gateway: { port: 18789 },
    models: {
      mode: "merge",
      providers: {
        kilocode: { baseUrl: "https://api.kilo.ai/api/gateway/", apiKey: "${KILOCODE_API_KEY}", models: userModels(modelCount) },
      },
    },
    channels: { telegram: { botToken: "${TELEGRAM_BOT_TOKEN}" } },
  };
}

const env = (state: TempState) => ({ ...state.env, KILOCODE_API_KEY: KEY, TEAM_ID: "team-7", TELEGRAM_BOT_TOKEN: "1:tg" });
const readConfig = (state: TempState) => JSON.parse(readFileSync(state.configPath, "utf8"));
type Written = { meta: Record<string, unknown>; wizard: Record<string, unknown>; gateway: { auth: Record<string, unknown> }; models: { providers: { kilocode: { models: unknown[] } } } };

/** The run-specific parts (times, the generated gateway token, temp paths) and the model list, set aside. */
function comparable(config: Written, state: TempState): unknown {
  const copy = JSON.parse(JSON.stringify(config).split(state.root).join("<root>")) as Written;
  copy.meta.lastTouchedAt = copy.wizard.lastRunAt = copy.gateway.auth.token = "<varies>";
  copy.models.providers.kilocode.models = [];
  return copy;
}

describe("a 10 000-model hand-written config", () => {
  it("onboarding changes exactly what it changes on the same config with a short list", { timeout: 120_000 }, async () => {
    const small = stateWith(handWritten(3));
    const big = stateWith(handWritten(10_000));
    const bigBefore = readFileSync(big.configPath, "utf8");
    for (const state of [small, big]) {
      const result = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: env(state), timeoutMs: 60_000 });
      expect(result.code, result.stderr).toBe(0);
    }
    const smallAfter = readConfig(small);
    const bigAfter = readConfig(big);
    const userSmall = userModels(3);
    const userBig = userModels(10_000);
    // The small run's models are the user's 3 (as written), then the built-in ones onboarding appends.
    const smallModels = smallAfter.models.providers.kilocode.models;
    expect(smallModels.slice(0, 3)).toEqual(userSmall);
    const appended = smallModels.slice(3);
    expect(appended.length).toBeGreaterThan(0);
    // Everything else is identical; the big list is kept as written, followed by the same appended models.
    expect(comparable(bigAfter, big)).toEqual(comparable(smallAfter, small));
    expect(bigAfter.models.providers.kilocode.models).toEqual([...userBig, ...appended]);
    // The ${VAR} references survive (no secret baked in), and the previous file is the backup, byte for byte.
    const text = readFileSync(big.configPath, "utf8");
    expect(bigAfter.models.providers.kilocode.apiKey).toBe("${KILOCODE_API_KEY}");
    expect(text).toContain('"X-Team": "${TEAM_ID}"');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain("team-7");
    expect(readFileSync(`${big.configPath}.bak`, "utf8")).toBe(bigBefore);
    expect(text).toBe(`${JSON.stringify(bigAfter, null, 2)}\n`);
  });

  it("a bad model deep in the list: the same one-line error from models status and onboarding, nothing written", { timeout: 120_000 }, async () => {
    const config = handWritten(10_000);
    config.models.providers.kilocode.models[9_000]!.contextWindow = 0;
    const state = stateWith(config);
    const before = readFileSync(state.configPath, "utf8");
    const message = `Invalid config ${state.configPath}: models.providers.kilocode.models[9000].contextWindow: expected a positive integer, got 0`;
    const status = await runCli(["models", "status"], { env: env(state), timeoutMs: 60_000 });
    expect(status.code).not.toBe(0);
    expect(status.stderr).toContain(message);
    const onboard = await runCli(["onboard", "--non-interactive", "--kilocode-api-key", KEY], { env: env(state), timeoutMs: 60_000 });
    expect(onboard.code).not.toBe(0);
    expect(onboard.stderr).toContain(message);
    expect(readFileSync(state.configPath, "utf8")).toBe(before);
    expect(existsSync(`${state.configPath}.bak`)).toBe(false);
    expect(existsSync(state.authStorePath)).toBe(false);
  });
});
