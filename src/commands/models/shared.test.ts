import { describe, expect, it } from "vitest";
import { buildModelsStatusJson } from "./status.js";
import { configuredModelKeys, createModelTagger, FewById, formatTokenCount, isLocalBaseUrl, modelTags, readAgentModelView } from "./shared.js";

const cfg = {
  agents: {
    defaults: {
      model: { primary: "Kilo", fallbacks: ["openrouter/auto", "kilocode/x-ai/grok-code-fast-1"] },
      imageModel: "kilocode/google/gemini-3-pro-preview",
      models: { "kilocode/anthropic/claude-opus-4.6": { alias: "Kilo" }, "openrouter/auto": {} },
    },
  },
};

describe("models shared view", () => {
  it("reads default, fallbacks, image model (string form), aliases and the allowlist", () => {
    expect(readAgentModelView(cfg)).toEqual({
      primary: "Kilo",
      fallbacks: ["openrouter/auto", "kilocode/x-ai/grok-code-fast-1"],
      imageModel: "kilocode/google/gemini-3-pro-preview",
      imageFallbacks: [],
      aliases: { Kilo: "kilocode/anthropic/claude-opus-4.6" },
      allowed: ["kilocode/anthropic/claude-opus-4.6", "openrouter/auto"],
    });
    expect(configuredModelKeys(cfg)).toEqual([
      "kilocode/anthropic/claude-opus-4.6",
      "openrouter/auto",
      "kilocode/x-ai/grok-code-fast-1",
      "kilocode/google/gemini-3-pro-preview",
    ]);
  });

  it("tags keys as OpenClaw does", () => {
    const defaultKey = "kilocode/anthropic/claude-opus-4.6";
    expect(modelTags(defaultKey, cfg, defaultKey)).toEqual(["default", "configured", "alias:Kilo"]);
    expect(modelTags("kilocode/x-ai/grok-code-fast-1", cfg, defaultKey)).toEqual(["fallback#2", "configured"]);
    expect(modelTags("kilocode/google/gemini-3-pro-preview", cfg, defaultKey)).toEqual(["image", "configured"]);
    expect(modelTags("kilocode/other", cfg, defaultKey)).toEqual([]);
  });

  it("the tagger built once gives modelTags' answer for every key, named or not", () => {
    const defaultKey = "kilocode/anthropic/claude-opus-4.6";
    const tagsOf = createModelTagger(cfg, defaultKey);
    const keys = [...configuredModelKeys(cfg), defaultKey, "kilocode/other", "openrouter/other", "kilocode/Kilo"];
    for (const key of keys) expect(tagsOf(key)).toEqual(modelTags(key, cfg, defaultKey));
    // A default that the config does not name still gets its tag.
    expect(createModelTagger({}, "kilocode/kilo/auto")("kilocode/kilo/auto")).toEqual(["default"]);
  });

  it("the tagger's byModelId gives the same tags, by model id, for one provider's keys", () => {
    const defaultKey = "kilocode/anthropic/claude-opus-4.6";
    const tagsOf = createModelTagger(cfg, defaultKey);
    for (const prefix of ["kilocode/", "openrouter/"]) {
      const byId = tagsOf.byModelId(prefix);
      const keys = [...configuredModelKeys(cfg), defaultKey].filter((key) => key.startsWith(prefix));
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(byId.get(key.slice(prefix.length)) ?? []).toEqual(modelTags(key, cfg, defaultKey));
      expect([...byId.keys()].map((id) => `${prefix}${id}`).every((key) => keys.includes(key))).toBe(true);
    }
    expect(tagsOf.byModelId("anthropic/").size).toBe(0);
    const kilo = createModelTagger({}, "kilocode/kilo/auto").byModelId("kilocode/");
    expect([...kilo.keys()]).toEqual(["kilo/auto"]);
    expect(kilo.get("kilo/auto")).toEqual(["default"]);
  });

  it("FewById answers like its map, for ids of every length", () => {
    const few = new FewById(new Map([["ab", 1], ["abcd", 2], ["", 3]]));
    expect([few.get("ab"), few.get("abcd"), few.get(""), few.get("xy"), few.get("abc"), few.get("abcde"), few.get("a".repeat(500))]).toEqual([1, 2, 3, undefined, undefined, undefined, undefined]);
    expect([few.has("ab"), few.has("ba"), few.size]).toEqual([true, false, 3]);
    const none = new FewById(new Map<string, number>());
    expect([none.get(""), none.get("x"), none.size]).toEqual([undefined, undefined, 0]);
  });

  it("prints context in units of 1024 and spots local base URLs", () => {
    expect(formatTokenCount(1_000_000)).toBe("977k");
    expect(formatTokenCount(1_048_576)).toBe("1024k");
    expect(formatTokenCount(200_000)).toBe("195k");
    expect(formatTokenCount(512)).toBe("512");
    expect(formatTokenCount(null)).toBe("-");
    expect(isLocalBaseUrl("http://127.0.0.1:11434/v1")).toBe(true);
    expect(isLocalBaseUrl("http://localhost:8080")).toBe(true);
    expect(isLocalBaseUrl("https://api.kilo.ai/api/gateway/")).toBe(false);
  });
});

describe("buildModelsStatusJson", () => {
  it("has OpenClaw's fields, with providers in use and missing keys", () => {
    const status = buildModelsStatusJson({
      cfg,
      configPath: "/c/openclaw.json",
      agentDir: "/a",
      storePath: "/a/auth-profiles.json",
      shellEnvFallback: { enabled: false, appliedKeys: [] },
      providers: [
        { provider: "kilocode", baseUrl: "https://k/", api: null, source: "built-in", usable: true, keySource: "env: KILOCODE_API_KEY", keyPreview: "sk-k…1234" },
        { provider: "openrouter", baseUrl: "https://o/", api: null, source: "built-in", usable: false, keySource: null, keyPreview: null, hint: "set it" },
      ],
      profiles: {},
    });
    expect(status).toMatchObject({
      defaultModel: "Kilo",
      resolvedDefault: "kilocode/anthropic/claude-opus-4.6",
      fallbacks: ["openrouter/auto", "kilocode/x-ai/grok-code-fast-1"],
      imageModel: "kilocode/google/gemini-3-pro-preview",
      aliases: { Kilo: "kilocode/anthropic/claude-opus-4.6" },
      allowed: ["kilocode/anthropic/claude-opus-4.6", "openrouter/auto"],
      provider: "kilocode",
      usable: true,
    });
    expect(status.auth.missingProvidersInUse).toEqual(["openrouter"]);
    expect(status.auth.providers).toEqual([
      { provider: "kilocode", effective: { kind: "env", detail: "env: KILOCODE_API_KEY" }, profiles: { count: 0, apiKey: 0, token: 0, oauth: 0, labels: [] } },
      { provider: "openrouter", effective: { kind: "missing", detail: "set it" }, profiles: { count: 0, apiKey: 0, token: 0, oauth: 0, labels: [] } },
    ]);
  });
});
