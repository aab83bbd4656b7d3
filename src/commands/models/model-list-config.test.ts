import { describe, expect, it } from "vitest";
import type { OpenClawConfig } from "../../config/types.js";
import { addFallback, applyDefaultModel, clearFallbacks, isPrimaryModel, removeFallback, sameModelRef } from "./model-list-config.js";

const base: OpenClawConfig = {
  gateway: { port: 1 },
  agents: {
    defaults: {
      model: { primary: "kilocode/anthropic/claude-opus-4.6", fallbacks: ["kilocode/z-ai/glm-5:free"] },
      models: { "kilocode/anthropic/claude-opus-4.6": { alias: "Kilo Gateway" } },
      workspace: "/w",
    },
  },
};

describe("applyDefaultModel", () => {
  it("sets the primary, keeps fallbacks and unknown keys, and allowlists the model", () => {
    const { cfg, droppedFallback } = applyDefaultModel(base, "openai/gpt-5.2");
    expect(cfg.agents?.defaults?.model).toEqual({ primary: "openai/gpt-5.2", fallbacks: ["kilocode/z-ai/glm-5:free"] });
    expect(cfg.agents?.defaults?.models?.["openai/gpt-5.2"]).toEqual({});
    expect(cfg.agents?.defaults?.models?.["kilocode/anthropic/claude-opus-4.6"]).toEqual({ alias: "Kilo Gateway" });
    expect(cfg.gateway).toEqual({ port: 1 });
    expect(cfg.agents?.defaults?.workspace).toBe("/w");
    expect(droppedFallback).toBe(false);
    expect(base.agents?.defaults?.model).toEqual({ primary: "kilocode/anthropic/claude-opus-4.6", fallbacks: ["kilocode/z-ai/glm-5:free"] });
  });

  it("drops the new primary from the fallbacks, and turns the string form into the object form", () => {
    expect(applyDefaultModel(base, "KiloCode/z-ai/glm-5:free")).toMatchObject({
      cfg: { agents: { defaults: { model: { primary: "KiloCode/z-ai/glm-5:free", fallbacks: [] } } } },
      droppedFallback: true,
    });
    const fromString = applyDefaultModel({ agents: { defaults: { model: "openai/gpt-5.2" } } }, "kilocode/x/y");
    expect(fromString.cfg.agents?.defaults?.model).toEqual({ primary: "kilocode/x/y" });
  });

  it("does not turn an empty allowlist into a restrictive one", () => {
    const { cfg } = applyDefaultModel({}, "kilocode/x/y");
    expect(cfg.agents?.defaults?.models).toBeUndefined();
  });
});

describe("fallback edits", () => {
  it("appends once, compares refs by canonical key", () => {
    const added = addFallback(base, "kilocode/minimax/minimax-m2.5:free");
    expect(added.fallbacks).toEqual(["kilocode/z-ai/glm-5:free", "kilocode/minimax/minimax-m2.5:free"]);
    expect(added.cfg.agents?.defaults?.model).toMatchObject({ primary: "kilocode/anthropic/claude-opus-4.6" });
    expect(added.cfg.agents?.defaults?.models?.["kilocode/minimax/minimax-m2.5:free"]).toEqual({});
    expect(addFallback(added.cfg, " KILOCODE/minimax/minimax-m2.5:free ").changed).toBe(false);
  });

  it("removes by ref and clears", () => {
    expect(removeFallback(base, "kilocode/nope").changed).toBe(false);
    const removed = removeFallback(base, "kilocode/z-ai/glm-5:free");
    expect(removed).toMatchObject({ changed: true, fallbacks: [] });
    expect(removed.cfg.agents?.defaults?.model).toEqual({ primary: "kilocode/anthropic/claude-opus-4.6", fallbacks: [] });
    expect(clearFallbacks(base).cfg.agents?.defaults?.model).toEqual({ primary: "kilocode/anthropic/claude-opus-4.6", fallbacks: [] });
    expect(clearFallbacks(removed.cfg).changed).toBe(false);
  });

  it("knows the primary, including the built-in default when none is set", () => {
    expect(isPrimaryModel(base, "kilocode/anthropic/claude-opus-4.6")).toBe(true);
    expect(isPrimaryModel({}, "anthropic/claude-opus-4-6")).toBe(true);
    expect(isPrimaryModel(base, "kilocode/z-ai/glm-5:free")).toBe(false);
    expect(sameModelRef("KiloCode/a/b", "kilocode/a/b")).toBe(true);
  });
});
