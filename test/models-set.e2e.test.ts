/** `openclaw models set` and `openclaw models fallbacks ...`, run as a user would against a temp state dir. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { useTempState } from "./helpers/temp-state.js";

const tempState = useTempState({ beforeEach, afterEach });

const HAND_WRITTEN = `// hand-written
{
  gateway: { mode: "local" },
  models: { providers: { kilocode: { baseUrl: "https://api.kilo.ai/api/gateway/", apiKey: "\${KILO_KEY}", models: [{ id: "anthropic/claude-opus-4.6", name: "Opus" }] } } },
  agents: { defaults: { model: { primary: "kilocode/anthropic/claude-opus-4.6" }, models: { "kilocode/anthropic/claude-opus-4.6": { alias: "Kilo Gateway" } } } },
}
`;

function writeConfig(text: string): void {
  mkdirSync(tempState().stateDir, { recursive: true });
  writeFileSync(tempState().configPath, text);
}

const readConfig = () => JSON.parse(readFileSync(tempState().configPath, "utf8"));
const cli = (...args: string[]) => runCli(args, { env: { ...tempState().env, KILO_KEY: "sk-kilo-set-0123456789" } });

describe("openclaw models set", () => {
  it("sets the primary, keeps unknown keys, ${VAR} references and the fallbacks", async () => {
    writeConfig(HAND_WRITTEN);
    expect((await cli("models", "fallbacks", "add", "kilocode/z-ai/glm-5:free")).code).toBe(0);
    const result = await cli("models", "set", "kilocode/minimax/minimax-m2.5:free");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Default model: kilocode/minimax/minimax-m2.5:free");
    const config = readConfig();
    expect(config.agents.defaults.model).toEqual({ primary: "kilocode/minimax/minimax-m2.5:free", fallbacks: ["kilocode/z-ai/glm-5:free"] });
    expect(config.agents.defaults.models["kilocode/minimax/minimax-m2.5:free"]).toEqual({});
    expect(config.gateway).toEqual({ mode: "local" });
    expect(config.models.providers.kilocode.apiKey).toBe("${KILO_KEY}");
  });

  it("refuses an unknown provider, suggests the kilocode/ ref and writes nothing", async () => {
    writeConfig(HAND_WRITTEN);
    const result = await cli("models", "set", "z-ai/glm-5:free");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unknown provider "z-ai"');
    expect(result.stderr).toContain("Did you mean kilocode/z-ai/glm-5:free?");
    expect(readFileSync(tempState().configPath, "utf8")).toBe(HAND_WRITTEN);
  });

  it("accepts a vendor ref with a note pointing at the gateway model; --json prints the result", async () => {
    const result = await cli("models", "set", "--json", "anthropic/claude-opus-4.6");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("use kilocode/anthropic/claude-opus-4.6");
    expect(JSON.parse(result.stdout)).toMatchObject({ defaultModel: "anthropic/claude-opus-4.6", fallbacks: [] });
  });

  it("refuses to touch a config it cannot parse", async () => {
    writeConfig("{ broken");
    const result = await cli("models", "set", "kilocode/z-ai/glm-5:free");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Failed to parse");
    expect(readFileSync(tempState().configPath, "utf8")).toBe("{ broken");
  });
});

describe("openclaw models fallbacks", () => {
  it("add, list, remove, clear", async () => {
    writeConfig(HAND_WRITTEN);
    expect((await cli("models", "fallbacks", "add", "kilocode/z-ai/glm-5:free")).code).toBe(0);
    expect((await cli("models", "fallbacks", "add", "openai/gpt-5.2")).code).toBe(0);
    const again = await cli("models", "fallbacks", "add", "KiloCode/z-ai/glm-5:free");
    expect(again.stdout).toContain("already a fallback");

    const list = await cli("models", "fallbacks", "list");
    expect(list.stdout).toMatch(/Fallbacks \(2\)[^\n]*\n\s+1\. kilocode\/z-ai\/glm-5:free\n\s+2\. openai\/gpt-5\.2/);
    expect(JSON.parse((await cli("models", "fallbacks", "list", "--json")).stdout)).toEqual({
      defaultModel: "kilocode/anthropic/claude-opus-4.6",
      fallbacks: ["kilocode/z-ai/glm-5:free", "openai/gpt-5.2"],
    });

    const removed = await cli("models", "fallbacks", "remove", "kilocode/z-ai/glm-5:free");
    expect(removed.code, removed.stderr).toBe(0);
    expect(readConfig().agents.defaults.model.fallbacks).toEqual(["openai/gpt-5.2"]);

    const missing = await cli("models", "fallbacks", "remove", "kilocode/z-ai/glm-5:free");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Current fallbacks: openai/gpt-5.2");

    expect((await cli("models", "fallbacks", "clear")).stdout).toContain("Cleared 1 fallback");
    expect(readConfig().agents.defaults.model).toEqual({ primary: "kilocode/anthropic/claude-opus-4.6", fallbacks: [] });
  });

  it("refuses the default model as its own fallback, and unknown providers", async () => {
    writeConfig(HAND_WRITTEN);
    const self = await cli("models", "fallbacks", "add", "kilocode/anthropic/claude-opus-4.6");
    expect(self.code).toBe(1);
    expect(self.stderr).toContain("is the default model");
    const unknown = await cli("models", "fallbacks", "add", "minimax/minimax-m2.5:free");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Did you mean kilocode/minimax/minimax-m2.5:free?");
    expect(readFileSync(tempState().configPath, "utf8")).toBe(HAND_WRITTEN);
  });
});
