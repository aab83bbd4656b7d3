import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { mayHoldEnvTemplates, restoreEnvTemplates, substituteEnvVars } from "./env-substitution.js";

describe("substituteEnvVars", () => {
  it("replaces ${VAR} everywhere, keeps $${VAR} literal and leaves lowercase names alone", () => {
    const out = substituteEnvVars({ a: "x-${A}-y", list: ["${B}", 1], lit: "$${A}", lower: "${a}" }, { A: "1", B: "2" }, "cfg");
    expect(out).toEqual({ a: "x-1-y", list: ["2", 1], lit: "${A}", lower: "${a}" });
  });

  it("names the path and file of a missing or empty var", () => {
    expect(() => substituteEnvVars({ models: { list: [{ key: "${NOPE}" }] } }, { NOPE: "" }, "/c.json")).toThrow(
      'Missing env var "NOPE" referenced at config path: models.list[0].key (in /c.json)',
    );
  });
});

describe("restoreEnvTemplates", () => {
  it("puts templates back where the value is unchanged, not where it changed or the raw was literal", () => {
    const raw = { a: "${A}", b: "${B}", c: "plain", list: ["${A}"] };
    const next = { a: "1", b: "changed", c: "plain", list: ["1", "new"], extra: "x" };
    expect(restoreEnvTemplates(next, raw, { A: "1", B: "2" })).toEqual({ a: "${A}", b: "changed", c: "plain", list: ["${A}", "new"], extra: "x" });
  });
});

describe("mayHoldEnvTemplates", () => {
  const holdsTemplate = (value: unknown): boolean =>
    typeof value === "string" ? value.includes("${") : typeof value === "object" && value !== null && Object.values(value).some(holdsTemplate);

  it("is true for every spelling that parses to a ${VAR} (JSON and JSON5 escapes included)", () => {
    const spellings = ['{"a": "${A}"}', '{"a": "\\u0024{A}"}', '{"a": "$\\u007b{A}"}', "{a: '\\x24{A}'}", "{a: '\\${A}'}", "{a: '$\\{A}'}", '{"a": ["$${A}"]}'];
    for (const text of spellings) {
      expect(holdsTemplate(JSON5.parse(text)), text).toBe(true);
      expect(mayHoldEnvTemplates(text), text).toBe(true);
    }
  });

  it("is false for text with no template, so loading and writing skip the walk", () => {
    for (const text of ['{"a": "$A {b}", "price": "$5"}', '{"path": "C:\\\\tools"}', '{"a": "$ {A}", "b": "{$}"}']) {
      expect(holdsTemplate(JSON5.parse(text)), text).toBe(false);
      expect(mayHoldEnvTemplates(text), text).toBe(false);
    }
  });
});

describe("restoreEnvTemplates, sharing", () => {
  it("returns `next` itself (no copy) where nothing is restored, and copies only the way to a restored template", () => {
    const models = Array.from({ length: 1000 }, (_, index) => ({ id: `m${index}`, name: `M ${index}` }));
    const raw = { models: { list: models, key: "${K}" }, other: { deep: { x: 1 } } };
    const next = { models: { list: models, key: "secret" }, other: { deep: { x: 1 } } };
    const restored = restoreEnvTemplates(next, raw, { K: "secret" }) as typeof next;
    expect(restored).toEqual({ models: { list: models, key: "${K}" }, other: { deep: { x: 1 } } });
    expect(restored.models.list).toBe(models);
    expect(restored.other).toBe(next.other);
    expect(next.models.key).toBe("secret");
    const untouched = { ...next, models: { list: models, key: "changed" } };
    expect(restoreEnvTemplates(untouched, raw, { K: "secret" })).toBe(untouched);
  });

  it("restores a template under a __proto__ key as data", () => {
    const raw = JSON.parse('{"__proto__": {"k": "${K}"}}');
    const next = JSON.parse('{"__proto__": {"k": "v"}}');
    const restored = restoreEnvTemplates(next, raw, { K: "v" }) as Record<string, { k: string }>;
    expect(Object.hasOwn(restored, "__proto__")).toBe(true);
    expect(restored["__proto__"]!.k).toBe("${K}");
    expect(({} as { k?: string }).k).toBeUndefined();
  });
});
