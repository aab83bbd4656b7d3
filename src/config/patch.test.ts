import { describe, expect, it } from "vitest";
import { applyConfigPatch, diffConfig } from "./patch.js";

describe("diffConfig / applyConfigPatch", () => {
  it("re-applies one writer's change onto a file another writer changed meanwhile", () => {
    const base = { auth: { profiles: { a: { provider: "a", mode: "api_key" } } }, models: { providers: {} }, gone: 1 };
    const mine = { auth: { profiles: { a: { provider: "a", mode: "api_key" }, k: { provider: "k", mode: "api_key" } } }, models: { providers: { k: { models: [1] } } } };
    const fresh = { auth: { profiles: { a: { provider: "a", mode: "api_key" }, o: { provider: "o", mode: "api_key" } } }, models: { providers: { o: { models: [2] } } }, gone: 1, theirs: true };
    const merged = applyConfigPatch(fresh, diffConfig(base, mine));
    expect(merged).toEqual({
      auth: { profiles: { a: { provider: "a", mode: "api_key" }, o: { provider: "o", mode: "api_key" }, k: { provider: "k", mode: "api_key" } } },
      models: { providers: { o: { models: [2] }, k: { models: [1] } } },
      theirs: true,
    });
    expect(fresh.gone).toBe(1);
  });

  it("replaces arrays whole, creates missing parents, and ignores deletes of what is already gone", () => {
    expect(diffConfig({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
    expect(diffConfig({ a: [1, 2] }, { a: [2] })).toEqual([{ path: ["a"], op: "set", value: [2] }]);
    expect(applyConfigPatch({ x: 5 }, [{ path: ["x", "y"], op: "set", value: 1 }])).toEqual({ x: { y: 1 } });
    expect(applyConfigPatch({}, [{ path: ["a", "b"], op: "delete" }])).toEqual({});
  });

  it("treats a __proto__ key as data, never as the prototype", () => {
    const next = JSON.parse('{"__proto__": {"polluted": true}}');
    const merged = applyConfigPatch({}, diffConfig({}, next)) as Record<string, unknown>;
    expect(Object.hasOwn(merged, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("copies only the objects on the way to a change: the rest is shared, and the target is never changed", () => {
    const deepFreeze = <T>(value: T): T => {
      if (value && typeof value === "object") for (const child of Object.values(Object.freeze(value))) deepFreeze(child);
      return value;
    };
    const models = Array.from({ length: 10_000 }, (_, index) => ({ id: `m${index}`, name: `M ${index}` }));
    const target = deepFreeze({ models: { providers: { k: { baseUrl: "a", models } }, mode: "merge" }, auth: { profiles: {} }, gone: 1 });
    const value = { provider: "k", mode: "api_key" };
    const merged = applyConfigPatch(target, [
      { path: ["models", "providers", "k", "baseUrl"], op: "set", value: "b" },
      { path: ["auth", "profiles", "k:default"], op: "set", value },
      { path: ["gone"], op: "delete" },
      { path: ["absent", "x"], op: "delete" },
    ]);
    expect(merged).toEqual({ models: { providers: { k: { baseUrl: "b", models } }, mode: "merge" }, auth: { profiles: { "k:default": value } } });
    expect(merged.models.providers.k.models).toBe(models);
    expect(merged.auth.profiles).not.toBe(target.auth.profiles);
    expect(target.models.providers.k.baseUrl).toBe("a");
    expect(target.gone).toBe(1);
    expect(applyConfigPatch(target, [{ path: ["absent", "x"], op: "delete" }])).toBe(target);
  });
});
