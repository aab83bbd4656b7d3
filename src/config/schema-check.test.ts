import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileValidityCheck } from "./schema-check.js";
import { exceedsJsonDepth, MAX_JSON_DEPTH } from "../infra/json-depth.js";
import { isValidConfigWithinDepth, openClawConfigSchema, validateConfigObject } from "./schema.js";

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid config touching every schema type: strict, loose and rest objects, records, unions, pipes, picklists. */
function validConfig(): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      meta: { lastTouchedVersion: "0.1.0" },
      env: { KILOCODE_API_KEY: "k", shellEnv: { enabled: true, timeoutMs: 1500 }, vars: { A: "a" } },
      auth: { profiles: { "kilocode:default": { provider: "kilocode", mode: "api_key", email: "a@b.c" } }, order: { kilocode: ["kilocode:default"] } },
      models: {
        mode: "merge",
        providers: {
          kilocode: {
            baseUrl: "https://api.kilo.ai/api/gateway/",
            apiKey: "${KILOCODE_API_KEY}",
            auth: "api-key",
            api: "openai-completions",
            headers: { "X-Title": "t" },
            authHeader: true,
            organizationId: "org",
            models: [
              {
                ...{ id: "anthropic/claude-opus-4.6", name: "Opus", api: "openai-completions", reasoning: true, input: ["text", "image"] },
                ...{ cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }, contextWindow: 200000, maxTokens: 8192, headers: { A: "b" } },
                compat: { supportsStore: false, maxTokensField: "max_tokens", thinkingFormat: "openrouter", cacheControlFormat: "none" },
              },
              { id: "m2", name: "M2" },
            ],
          },
        },
      },
      agents: { defaults: { model: { primary: "kilocode/m2", fallbacks: ["kilocode/anthropic/claude-opus-4.6"] }, models: { "kilocode/m2": { alias: "m", params: { x: 1 } } }, timeoutSeconds: 60 } },
      channels: { anything: [1, { goes: null }] },
    }),
  ) as Record<string, unknown>;
}

type Container = Record<string, unknown> | unknown[];

/** A small depth limit, so that nesting past it is easy to build; the reference walk the check must agree with. */
const MAX_DEPTH = 8;
function tooDeep(value: unknown, depth = 0): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (depth >= MAX_DEPTH) return true;
  for (const key in value) if (tooDeep((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}
const OPTIONS = { maxDepth: MAX_DEPTH, exceedsDepth: tooDeep };

/** `levels` objects/arrays nested in each other. */
function nested(levels: number): unknown {
  let value: unknown = "leaf";
  for (let level = 0; level < levels; level++) value = level % 2 ? [value] : { n: value };
  return value;
}

/** Every object or array in `root`, so a mutation can land anywhere (owned sections or not). */
function containers(root: unknown): Container[] {
  const out: Container[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value && typeof value === "object") {
      out.push(value as Container);
      stack.push(...Object.values(value));
    }
  }
  return out;
}

const REPLACEMENTS: (() => unknown)[] = [
  () => undefined,
  () => null,
  () => "",
  () => "   ",
  () => "x",
  () => "text",
  () => "api_key",
  () => "merge",
  () => "openai-completions",
  () => 0,
  () => 1,
  () => -3,
  () => 1.5,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => true,
  () => false,
  () => [],
  () => ["text"],
  () => [1],
  () => ({}),
  () => ({ a: 1 }),
  () => JSON.parse('{"__proto__": {"x": 1}}'),
  () => ({ constructor: 5 }),
  () => ({ baseUrl: "https://x/", models: [] }),
  () => ({ id: "a", name: "b" }),
  () => ({ provider: "p", mode: "token" }),
  () => nested(2),
  () => nested(4),
  () => nested(6),
];

const NEW_KEYS = ["baseURL", "Id", "extra", "__proto__", "constructor", "prototype", "0", "input", "models", "primary"];

function mutate(config: Record<string, unknown>, next: () => number): void {
  const all = containers(config);
  mutateAt(all[Math.floor(next() * all.length)]!, next);
}

/** Adds, deletes or replaces one key of `target`, in place. */
function mutateAt(target: Container, next: () => number): void {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const keys = Object.keys(target);
  const roll = next();
  if (roll < 0.2 || keys.length === 0) {
    // A new key, defined as data (a "__proto__" key included), holding any replacement.
    const key = Array.isArray(target) ? String(target.length) : pick(NEW_KEYS);
    Object.defineProperty(target, key, { value: pick(REPLACEMENTS)(), writable: true, enumerable: true, configurable: true });
  } else if (roll < 0.35 && !Array.isArray(target)) {
    delete target[pick(keys)];
  } else {
    const key = pick(keys);
    Object.defineProperty(target, key, { value: pick(REPLACEMENTS)(), writable: true, enumerable: true, configurable: true });
  }
}

/** A copy of `root` with one to three mutations, copying only the containers on the way to each (the rest shared). */
function copyOnWrite(root: Record<string, unknown>, next: () => number): Record<string, unknown> {
  const copied = new Set<unknown>();
  const writable = (value: Container): Container => {
    if (copied.has(value)) return value;
    const copy = Array.isArray(value) ? [...value] : Object.defineProperties({}, Object.getOwnPropertyDescriptors(value));
    copied.add(copy);
    return copy;
  };
  const result = writable(root) as Record<string, unknown>;
  const mutations = 1 + Math.floor(next() * 3);
  for (let step = 0; step < mutations; step++) {
    // Walk down a random path, copying each container on it.
    let target: Container = result;
    while (next() < 0.7) {
      const keys = Object.keys(target).filter((key) => (target as Record<string, unknown>)[key] && typeof (target as Record<string, unknown>)[key] === "object");
      if (keys.length === 0) break;
      const key = keys[Math.floor(next() * keys.length)]!;
      const child = writable((target as Record<string, Container>)[key]!);
      Object.defineProperty(target, key, { value: child, writable: true, enumerable: true, configurable: true });
      target = child;
    }
    mutateAt(target, next);
  }
  return result;
}

describe("isValidConfigWithinDepth", () => {
  /** `config` with a provider of `count` models added (when it still has a providers object to add it to). */
  function withBulkProvider(config: Record<string, unknown>, count: number): Record<string, unknown> {
    const copy = structuredClone(config);
    const providers = (copy.models as { providers?: unknown } | undefined)?.providers;
    if (typeof providers !== "object" || providers === null || Array.isArray(providers)) return copy;
    const models = Array.from({ length: count }, (_, index) => ({ id: `bulk/model-${index}`, name: `Bulk ${index}` }));
    Object.assign(providers, { bulk: { baseUrl: "http://127.0.0.1:9/v1", api: "openai-completions", models } });
    return copy;
  }

  it("agrees with valibot plus the depth limit below and above the size where the compiled check takes over", () => {
    // A few models: valibot answers (compiling the check costs more); hundreds: the compiled check.
    const next = random(77);
    const outcomes = { small: new Set<boolean>(), big: new Set<boolean>() };
    for (let round = 0; round < 600; round++) {
      const config = validConfig();
      const mutations = 1 + Math.floor(next() * 3);
      for (let step = 0; step < mutations; step++) mutate(config, next);
      const variants: [keyof typeof outcomes, Record<string, unknown>][] = [["small", config]];
      if (round % 4 === 0) variants.push(["big", withBulkProvider(config, 300)]);
      for (const [size, value] of variants) {
        const expected = v.safeParse(openClawConfigSchema, value).success && !exceedsJsonDepth(value);
        if (isValidConfigWithinDepth(value) !== expected) throw new Error(`${size}: disagrees with valibot (valibot: ${expected}) on ${JSON.stringify(value)}`);
        outcomes[size].add(expected);
      }
    }
    expect([...outcomes.small].sort()).toEqual([false, true]);
    expect([...outcomes.big].sort()).toEqual([false, true]);
  });

  it("a valid config nested past the depth limit where the schema does not look is refused, small or big", () => {
    const deep = { ...validConfig(), plugins: nested(MAX_JSON_DEPTH + 2) };
    const shallow = { ...validConfig(), plugins: nested(MAX_JSON_DEPTH - 2) };
    expect(v.safeParse(openClawConfigSchema, deep).success).toBe(true);
    expect(isValidConfigWithinDepth(deep)).toBe(false);
    expect(isValidConfigWithinDepth(withBulkProvider(deep, 300))).toBe(false);
    expect(isValidConfigWithinDepth(shallow)).toBe(true);
    expect(isValidConfigWithinDepth(withBulkProvider(shallow, 300))).toBe(true);
  });
});

describe("compileValidityCheck", () => {
  const check = compileValidityCheck(openClawConfigSchema, OPTIONS);

  it("models the whole config schema", () => {
    expect(check).toBeTypeOf("function");
  });

  it("agrees with valibot plus the depth limit on thousands of mutated configs", () => {
    const next = random(14);
    let valid = 0;
    let invalid = 0;
    for (let round = 0; round < 4000; round++) {
      const config = validConfig();
      const mutations = 1 + Math.floor(next() * 3);
      for (let step = 0; step < mutations; step++) mutate(config, next);
      const expected = v.safeParse(openClawConfigSchema, config).success && !tooDeep(config);
      if (check!(config) !== expected) throw new Error(`disagrees with valibot (valibot: ${expected}) on ${JSON.stringify(config)}`);
      if (expected) valid++;
      else invalid++;
    }
    // Both outcomes are exercised, so the comparison means something.
    expect(valid).toBeGreaterThan(500);
    expect(invalid).toBeGreaterThan(500);
  });

  it("skips only what is the same object at the same place in a validated config, and still finds every change", () => {
    // Copy-on-write mutations (as the config writer makes them): everything off the changed path is shared.
    const next = random(41);
    let invalid = 0;
    for (let round = 0; round < 3000; round++) {
      const validated = validConfig();
      const changed = copyOnWrite(validated, next);
      const expected = v.safeParse(openClawConfigSchema, changed).success && !tooDeep(changed);
      if (check!(changed, validated) !== expected) throw new Error(`disagrees with valibot (valibot: ${expected}) on ${JSON.stringify(changed)}`);
      if (!expected) invalid++;
    }
    expect(invalid).toBeGreaterThan(500);
  });

  it("a validated value under a union is checked again (the branch that accepted it is unknown)", () => {
    const schema = v.strictObject({
      u: v.union([v.strictObject({ list: v.array(v.number()) }), v.strictObject({ list: v.array(v.string()), tag: v.string() })]),
    });
    const compiled = compileValidityCheck(schema, OPTIONS)!;
    const validated = { u: { list: ["x"], tag: "t" } };
    // Same list, but without `tag` only the first branch could take it, and there the list is wrong.
    const changed = { u: { list: validated.u.list } };
    expect(v.safeParse(schema, changed).success).toBe(false);
    expect(compiled(changed, validated)).toBe(false);
    expect(compiled(validated, validated)).toBe(true);
  });

  it("bounds the depth where the schema does not look: unknown sections, params, skipped record keys", () => {
    type Config = { channels: unknown; agents: { defaults: { models: Record<string, unknown> } }; auth: { profiles: Record<string, unknown> } };
    // Each place with the depth its value sits at: `nested(MAX_DEPTH - depth)` just fits, one more level does not.
    const places: [string, number, (config: Config, value: unknown) => void][] = [
      ["an unknown section", 1, (config, value) => (config.channels = value)],
      ["agents.defaults.models.*.params", 5, (config, value) => (config.agents.defaults.models = { "kilocode/m2": { params: value } })],
      ["a record key valibot skips", 3, (config, value) => Object.defineProperty(config.auth.profiles, "constructor", { value, enumerable: true })],
    ];
    for (const [place, depth, put] of places) {
      for (const [levels, fits] of [[MAX_DEPTH - depth, true], [MAX_DEPTH - depth + 1, false]] as const) {
        const config = validConfig() as Config;
        put(config, nested(levels));
        expect(v.safeParse(openClawConfigSchema, config).success).toBe(true);
        expect(tooDeep(config), place).toBe(!fits);
        expect(check!(config), `${place}, ${levels} levels`).toBe(fits);
      }
    }
  });

  it("a key holding undefined is decided as valibot does; an inherited unknown key is the one known difference", () => {
    const withModel = (model: object) => ({ models: { providers: { k: { baseUrl: "https://x/", models: [model] } } } });
    for (const model of [{ id: "a", name: "b", api: undefined }, { id: "a", name: "b", baseURL: undefined }, { id: "a", name: undefined }]) {
      expect(check!(withModel(model)), JSON.stringify(Object.keys(model))).toBe(v.safeParse(openClawConfigSchema, withModel(model)).success);
    }
    // Not data JSON can hold (nor that JSON.stringify writes): valibot's for-in sees the inherited key, the count does not.
    const inherited = Object.assign(Object.create({ baseURL: "x" }) as object, { id: "a", name: "b" });
    expect(v.safeParse(openClawConfigSchema, withModel(inherited)).success).toBe(false);
    expect(check!(withModel(inherited))).toBe(true);
  });

  it("agrees with valibot on values that are not configs", () => {
    for (const value of [undefined, null, 0, "x", true, [], [1], {}, { models: [] }, { models: { providers: [] } }, Object.create({ env: 5 })]) {
      expect(check!(value)).toBe(v.safeParse(openClawConfigSchema, value).success && !tooDeep(value));
    }
  });

  it("returns undefined for schema parts it does not model, so valibot stays in charge", () => {
    expect(compileValidityCheck(v.optional(v.string(), "default"), OPTIONS)).toBeUndefined();
    expect(compileValidityCheck(v.pipe(v.string(), v.transform((text) => text.length)), OPTIONS)).toBeUndefined();
    expect(compileValidityCheck(v.strictObject({ a: v.nullish(v.string()) }), OPTIONS)).toBeUndefined();
    expect(compileValidityCheck(v.pipe(v.string(), v.email()), OPTIONS)).toBeUndefined();
  });

  it("treats number picklists (NaN included) as valibot does", () => {
    for (const options of [[1, 2], [1, Number.NaN]] as const) {
      const schema = v.picklist(options);
      const compiled = compileValidityCheck(schema, OPTIONS)!;
      for (const value of [1, 2, Number.NaN, "1", 3]) expect(compiled(value)).toBe(v.safeParse(schema, value).success);
    }
  });
});

describe("validateConfigObject on a big config", () => {
  const bigConfig = (count: number) => {
    const config = validConfig();
    const provider = (config.models as { providers: Record<string, { models: unknown[] }> }).providers.kilocode!;
    for (let index = 0; index < count; index++) {
      provider.models.push({ id: `vendor/model-${index}`, name: `Model ${index}`, input: ["text"], cost: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 }, contextWindow: 32000 });
    }
    return { config, models: provider.models as Record<string, unknown>[] };
  };

  it("accepts 10 000 valid models", () => {
    expect(validateConfigObject(bigConfig(10_000).config)).toEqual([]);
  });

  it("reports a bad model deep in the list with the same texts as valibot's path", () => {
    const { config, models } = bigConfig(10_000);
    models[9_000]!.contextWindow = 0;
    (models[9_500]!.cost as Record<string, unknown>).cacheRead = "free";
    models[9_999]!.baseURL = "x";
    expect(validateConfigObject(config)).toEqual([
      { path: "models.providers.kilocode.models[9999]", message: 'models.providers.kilocode.models[9999]: unknown key "baseURL"' },
      { path: "models.providers.kilocode.models[9000].contextWindow", message: "models.providers.kilocode.models[9000].contextWindow: expected a positive integer, got 0" },
      { path: "models.providers.kilocode.models[9500].cost.cacheRead", message: 'models.providers.kilocode.models[9500].cost.cacheRead: expected number, got "free"' },
    ]);
  });
});
