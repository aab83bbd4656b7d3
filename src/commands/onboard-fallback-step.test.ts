import { describe, expect, it } from "vitest";
import { createScriptedPrompter } from "../../test/helpers/scripted-prompter.js";
import type { OpenClawConfig } from "../config/types.js";
import { freeFallbackOptions, promptFreeFallback } from "./onboard-fallback-step.js";

const env = {};
const kiloModels = [
  { id: "anthropic/claude-opus-4.6", name: "Claude Opus 4.6" },
  { id: "z-ai/glm-5:free", name: "GLM-5 (Free)" },
  { id: "minimax/minimax-m2.5:free", name: "MiniMax M2.5 (Free)" },
];
const cfg: OpenClawConfig = {
  models: { providers: { kilocode: { baseUrl: "https://api.kilo.ai/api/gateway/", models: kiloModels } } },
  agents: { defaults: { model: { primary: "kilocode/anthropic/claude-opus-4.6" }, models: { "kilocode/anthropic/claude-opus-4.6": { alias: "Kilo Gateway" } } } },
};
const PAID = "kilocode/anthropic/claude-opus-4.6";

describe("promptFreeFallback", () => {
  it("after a paid default, offers the gateway's free models and adds the one picked", async () => {
    const prompter = createScriptedPrompter([
      { kind: "select", value: "kilocode/minimax/minimax-m2.5:free", expectMessage: "Fallback when Kilo Gateway credits run out (or the model is down)" },
    ]);
    const next = await promptFreeFallback({ prompter, cfg, primary: PAID, env });
    expect(next.agents?.defaults?.model).toEqual({ primary: PAID, fallbacks: ["kilocode/minimax/minimax-m2.5:free"] });
    expect(next.agents?.defaults?.models?.["kilocode/minimax/minimax-m2.5:free"]).toEqual({});
    const [asked] = prompter.asked;
    expect(asked?.options?.map((option) => option.value)).toEqual(["kilocode/z-ai/glm-5:free", "kilocode/minimax/minimax-m2.5:free", "__none__"]);
    expect(asked?.initialValue).toBe("kilocode/z-ai/glm-5:free");
  });

  it("'No fallback' leaves the config as it was", async () => {
    const prompter = createScriptedPrompter([{ kind: "select", value: "__none__" }]);
    expect(await promptFreeFallback({ prompter, cfg, primary: PAID, env })).toBe(cfg);
  });

  it("asks nothing for a free default, when fallbacks exist, or when no free model is known", async () => {
    const silent = createScriptedPrompter([]);
    expect(await promptFreeFallback({ prompter: silent, cfg, primary: "kilocode/z-ai/glm-5:free", env })).toBe(cfg);
    const withFallbacks: OpenClawConfig = { ...cfg, agents: { defaults: { model: { primary: PAID, fallbacks: ["openai/gpt-5.2"] } } } };
    expect(await promptFreeFallback({ prompter: silent, cfg: withFallbacks, primary: PAID, env })).toBe(withFallbacks);
    const noFree: OpenClawConfig = { models: { mode: "replace", providers: { kilocode: { baseUrl: "https://x/", models: [kiloModels[0]!] } } } };
    expect(await promptFreeFallback({ prompter: silent, cfg: noFree, primary: PAID, env })).toBe(noFree);
    expect(silent.asked).toEqual([]);
  });

  it("lists free models of the default's provider first; paid models are never offered", () => {
    const options = freeFallbackOptions({ cfg, primary: "openai/gpt-5.2", env }).map((option) => option.value);
    expect(options).toEqual(["kilocode/z-ai/glm-5:free", "kilocode/minimax/minimax-m2.5:free"]);
  });
});
