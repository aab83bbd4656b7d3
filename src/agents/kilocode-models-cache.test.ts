import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFakeGateway, type FakeGateway } from "../../test/helpers/fake-gateway.js";
import { useTempState } from "../../test/helpers/temp-state.js";
import type { ModelInput } from "../config/types.js";
import { kilocode } from "../providers/kilocode.js";
import { specModels } from "../providers/models.js";
import { cacheFilePieces, catalogCacheFile, catalogCacheKey, loadProviderCatalog, mergeLiveCatalog, mergeModelLists, preferLiveRows } from "./kilocode-models-cache.js";
import { resolveEffectiveProviders } from "./models-config.providers.js";

type LoadParams = { configured: { id: string; name: string }[]; baseUrl: string; env: Record<string, string | undefined>; apiKey?: string; organizationId?: string; refresh?: boolean; now?: () => number };
function loadKilocodeCatalog(params: LoadParams) {
  const { configured, baseUrl, env, apiKey, organizationId, ...rest } = params;
  return loadProviderCatalog({
    target: { provider: "kilocode", baseUrl, ...(apiKey ? { apiKey } : {}), ...(organizationId ? { organizationId } : {}) },
    configured,
    env,
    ...rest,
  });
}

let gateway: FakeGateway;
const state = useTempState({ beforeEach, afterEach });
const fakeGateway = useFakeGateway({ beforeAll, afterAll, beforeEach });
beforeEach(() => {
  gateway = fakeGateway();
  gateway.setModelsPayload({ data: [{ id: "z-ai/glm-5:free", name: "GLM-5" }, { id: "anthropic/claude-opus-4.6", name: "Opus from catalog" }] });
});

const STATIC_IDS = specModels(kilocode).map((model) => model.id);
const configured = [{ id: "my/model", name: "Mine" }, { id: "anthropic/claude-opus-4.6", name: "My Opus" }];
const catalogRequests = () => gateway.requests.filter((request) => request.path.endsWith("/models"));

/** The cache file of one (base URL, organisation, key presence). */
function cacheFileFor(extra: { apiKey?: string; organizationId?: string } = {}): string {
  const key = catalogCacheKey({ baseUrl: gateway.baseUrl, ...(extra.organizationId ? { organizationId: extra.organizationId } : {}), withKey: Boolean(extra.apiKey) });
  return catalogCacheFile(path.join(state().stateDir, "cache"), "kilocode-models.json", key);
}

function load(extra: Partial<LoadParams> = {}) {
  return loadKilocodeCatalog({ configured, baseUrl: gateway.baseUrl, env: state().env, ...extra });
}

describe("mergeModelLists", () => {
  it("keeps the first occurrence of each id, in order", () => {
    expect(mergeModelLists([{ id: "a", name: "1" }], [{ id: "b", name: "2" }, { id: "a", name: "3" }]).map((model) => model.name)).toEqual(["1", "2"]);
  });
});

describe("mergeLiveCatalog", () => {
  it("gives mergeModelLists' result for a live list without repeats (configured first, then live, then fallback)", () => {
    const model = (id: string, name = id) => ({ id, name });
    const configuredList = [model("a", "mine"), model("b"), model("a", "repeat")];
    const live = [model("b", "live"), model("c"), model("d"), model("f")];
    const fallback = [model("d", "static"), model("e"), model("e", "repeat"), model("a", "static")];
    expect(mergeLiveCatalog(configuredList, live, fallback)).toEqual(mergeModelLists(configuredList, live, fallback));
    expect(mergeLiveCatalog(configuredList, live, fallback).map((entry) => `${entry.id}:${entry.name}`)).toEqual(["a:mine", "b:b", "c:c", "d:d", "f:f", "e:e"]);
    expect(mergeLiveCatalog([], [], fallback)).toEqual(mergeModelLists(fallback));
  });

  it("gives the same result with the live list's positions as without, on lists of every kind", () => {
    const model = (id: string, name: string) => ({ id, name });
    let seed = 7;
    const random = (limit: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % limit;
    for (let round = 0; round < 300; round++) {
      const ids = (count: number) => Array.from({ length: count }, () => `m${random(12)}`);
      const configuredList = ids(random(5)).map((id) => model(id, "configured"));
      const live = [...new Set(ids(random(10)))].map((id) => model(id, "live"));
      const fallback = ids(random(5)).map((id) => model(id, "fallback"));
      const positions = new Map(live.map((entry, index) => [entry.id, index]));
      const positionOf = (id: string) => positions.get(id) ?? -1;
      const expected = mergeModelLists(configuredList, live, fallback);
      expect(mergeLiveCatalog(configuredList, live, fallback)).toEqual(expected);
      expect(mergeLiveCatalog(configuredList, live, fallback, positionOf)).toEqual(expected);
    }
  });

  it("without positions, drops every live row a configured model replaces, even one repeated in a hand-edited cache", () => {
    const live = [{ id: "a", name: "live1" }, { id: "b", name: "live" }, { id: "a", name: "live2" }];
    expect(mergeLiveCatalog([{ id: "a", name: "mine" }], live, []).map((entry) => `${entry.id}:${entry.name}`)).toEqual(["a:mine", "b:live"]);
  });
});

describe("cacheFilePieces", () => {
  it("writes one array per model, in blocks, as one JSON document whatever the number of models", () => {
    const models = Array.from({ length: 9000 }, (_, index) => ({
      id: `v/m-${index}`,
      name: `M "${index}"`,
      reasoning: index % 2 === 0,
      input: index % 3 ? (["text"] as ModelInput[]) : (["text", "image"] as ModelInput[]),
      cost: { input: index / 7, output: 0, cacheRead: 0.3, cacheWrite: 0 },
      contextWindow: 1000 + index,
      maxTokens: 64,
    }));
    for (const count of [0, 1, 4096, 4097, 9000]) {
      const entry = { baseUrl: "http://127.0.0.1:9/", organizationId: "org", fetchedAt: 5, models: models.slice(0, count) };
      const parsed = JSON.parse([...cacheFilePieces(entry)].join("")) as { version: number; columns: string[]; models: unknown[][] };
      expect(parsed).toMatchObject({ version: 3, baseUrl: entry.baseUrl, organizationId: "org", fetchedAt: 5 });
      expect(parsed.columns).toEqual(["id", "name", "flags", "input", "output", "cacheRead", "cacheWrite", "contextWindow", "maxTokens"]);
      expect(parsed.models).toHaveLength(count);
      if (!count) continue;
      const last = count - 1;
      const flags = (last % 2 === 0 ? 1 : 0) | (last % 3 === 0 ? 2 : 0);
      expect(parsed.models[last]).toEqual([`v/m-${last}`, `M "${last}"`, flags, last / 7, 0, 0.3, 0, 1000 + last, 64]);
    }
  });
});

describe("preferLiveRows", () => {
  it("shows the live row (real prices) for onboarding's untouched copy of a built-in, keeps a user-edited entry", () => {
    const [builtIn] = specModels(kilocode);
    const live = { ...builtIn!, name: "Claude Opus 4.6 (live)", cost: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 } };
    expect(preferLiveRows([{ ...builtIn! }], specModels(kilocode), [live])).toEqual([live]);
    const edited = { ...builtIn!, maxTokens: 4096 };
    expect(preferLiveRows([edited], specModels(kilocode), [live])).toEqual([edited]);
    // With the live list's positions: the same rows, found without a pass over the list.
    const other = { id: "x/y", name: "other" };
    const positionOf = (id: string) => [other, live].findIndex((entry) => entry.id === id);
    expect(preferLiveRows([{ ...builtIn! }, edited], specModels(kilocode), [other, live], positionOf)).toEqual([live, edited]);
    expect(preferLiveRows([{ ...builtIn! }], specModels(kilocode), [other], () => -1)).toEqual([builtIn]);
  });
});

describe("loadKilocodeCatalog", () => {
  it("fetches on a miss, merges configured first, and writes a 0600 cache without the key", async () => {
    const result = await load({ apiKey: "sk-secret-key" });
    expect(result.source).toBe("network");
    expect(result.models.slice(0, 3).map((model) => `${model.id}:${model.name}`)).toEqual(["my/model:Mine", "anthropic/claude-opus-4.6:My Opus", "z-ai/glm-5:free:GLM-5"]);
    // Then the static catalog entries the listing lacks.
    const head = ["my/model", "anthropic/claude-opus-4.6", "z-ai/glm-5:free"];
    expect(result.models.map((model) => model.id)).toEqual([...head, ...STATIC_IDS.filter((id) => !head.includes(id))]);
    const cacheFile = cacheFileFor({ apiKey: "sk-secret-key" });
    expect(path.basename(cacheFile)).toMatch(/^kilocode-models-[0-9a-f]{24}\.json$/);
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    const text = readFileSync(cacheFile, "utf8");
    expect(text).not.toContain("sk-secret-key");
    // Compact JSON: one line, no indentation.
    expect(text).not.toContain("\n");
    expect(JSON.parse(text)).toMatchObject({ version: 3, baseUrl: gateway.baseUrl, models: [["z-ai/glm-5:free"], ["anthropic/claude-opus-4.6"]].map(([id]) => expect.arrayContaining([id])) });
  });

  it("replaces a symlink planted at the cache path instead of writing through it", async () => {
    const { lstatSync, mkdirSync, symlinkSync, writeFileSync } = await import("node:fs");
    const victim = path.join(state().root, "victim.txt");
    writeFileSync(victim, "keep");
    const cacheFile = cacheFileFor();
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    symlinkSync(victim, cacheFile);
    expect((await load()).source).toBe("network");
    expect(readFileSync(victim, "utf8")).toBe("keep");
    expect(lstatSync(cacheFile).isFile()).toBe(true);
  });

  it("serves from the cache within the TTL, refetches after it or with refresh", async () => {
    let now = 1_000_000;
    const clock = () => now;
    expect((await load({ now: clock })).source).toBe("network");
    expect((await load({ now: clock })).source).toBe("cache");
    expect(catalogRequests()).toHaveLength(1);
    expect((await load({ now: clock, refresh: true })).source).toBe("network");
    now += 60 * 60 * 1000 + 1;
    expect((await load({ now: clock })).source).toBe("network");
    expect(catalogRequests()).toHaveLength(3);
  });

  it("keeps one file per base URL, organisation and key presence", async () => {
    await load();
    await load({ organizationId: "org_a" });
    await load({ apiKey: "k" });
    expect(catalogRequests()).toHaveLength(3);
    for (const extra of [{}, { organizationId: "org_a" }, { apiKey: "k" }]) expect(existsSync(cacheFileFor(extra))).toBe(true);
    expect(readdirSync(path.join(state().stateDir, "cache")).filter((name) => name.startsWith("kilocode-models-"))).toHaveLength(3);
    await load({ organizationId: "org_a" });
    expect(catalogRequests()).toHaveLength(3);
    expect(catalogCacheKey({ baseUrl: "u", withKey: true })).not.toBe(catalogCacheKey({ baseUrl: "u", withKey: false }));
    expect(catalogCacheKey({ baseUrl: "u", organizationId: "o", withKey: true })).not.toBe(catalogCacheKey({ baseUrl: "u", withKey: true }));
    expect(catalogCacheKey({ baseUrl: "u2", withKey: true })).not.toBe(catalogCacheKey({ baseUrl: "u", withKey: true }));
    expect(catalogCacheKey({ baseUrl: "u", withKey: true })).toBe(catalogCacheKey({ baseUrl: "u", withKey: true }));
    expect(catalogCacheKey({ baseUrl: "u", withKey: true })).toMatch(/^[0-9a-f]{24}$/);
    // Pinned: a changed key would orphan every cache file already on disk.
    expect(catalogCacheKey({ baseUrl: "http://127.0.0.1:18600/api/gateway/", withKey: true })).toBe("32879a7889a9f7d2d2cd0920");
    expect(catalogCacheKey({ baseUrl: "https://api.kilo.ai/api/gateway/", organizationId: "org", withKey: false })).toBe("445e3a6dfe00262bf555c9b5");
  });

  it("a cache read gives back exactly the models the fetch listed; an old-format or damaged file is a miss", async () => {
    const { writeFileSync } = await import("node:fs");
    const fetched = await load();
    expect(fetched.source).toBe("network");
    const cached = await load();
    expect(cached.source).toBe("cache");
    expect(cached.models).toEqual(fetched.models);
    const file = cacheFileFor();
    const entry = JSON.parse(readFileSync(file, "utf8")) as { models: unknown[][] };
    writeFileSync(file, JSON.stringify({ ...entry, version: 2 }));
    expect((await load()).source).toBe("network");
    writeFileSync(file, JSON.stringify({ ...entry, models: [...entry.models, ["only-an-id"]] }));
    expect((await load()).source).toBe("network");
    writeFileSync(file, JSON.stringify({ ...entry, columns: ["name", "id"] }));
    expect((await load()).source).toBe("network");
    expect((await load()).source).toBe("cache");
  });

  it("a cache file that names another base URL or organisation (copied, or a key collision) is a miss", async () => {
    const { writeFileSync } = await import("node:fs");
    expect((await load()).source).toBe("network");
    const file = cacheFileFor();
    const entry = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...entry, baseUrl: "http://127.0.0.1:9/other/" }));
    expect((await load()).source).toBe("network");
    writeFileSync(file, JSON.stringify({ ...entry, organizationId: "org_other" }));
    expect((await load()).source).toBe("network");
    expect((await load()).source).toBe("cache");
  });

  it("on failure (503, proxy down) returns configured + default models and the error, never throwing", async () => {
    gateway.setModelsPayload({ error: "down" }, 503);
    const failed = await load();
    expect(failed.source).toBe("fallback");
    expect(failed.error?.message).toContain("503");
    expect(failed.models.map((model) => model.id)).toEqual(["my/model", ...STATIC_IDS]);
    const viaDeadProxy = await loadKilocodeCatalog({ configured: [], baseUrl: gateway.baseUrl, env: { ...state().env, HTTP_PROXY: "http://127.0.0.1:9" } });
    expect(viaDeadProxy.source).toBe("fallback");
    expect(viaDeadProxy.models.map((model) => model.id)).toEqual(STATIC_IDS);
    expect(existsSync(cacheFileFor())).toBe(false);
  });

  it("gets its base URL from the effective provider: config, then KILOCODE_API_BASE_URL, then the built-in one", () => {
    const baseUrl = (cfg: Parameters<typeof resolveEffectiveProviders>[0]["cfg"], env: Record<string, string>) =>
      resolveEffectiveProviders({ cfg, env, agentDir: state().agentDir }).kilocode?.baseUrl;
    expect(baseUrl({ models: { providers: { kilocode: { baseUrl: "https://cfg/", models: [] } } } }, { KILOCODE_API_BASE_URL: "https://env/" })).toBe("https://cfg/");
    expect(baseUrl({}, { KILOCODE_API_BASE_URL: "https://env/" })).toBe("https://env/");
    expect(baseUrl({}, {})).toBe("https://api.kilo.ai/api/gateway/");
  });
});
