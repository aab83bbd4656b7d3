import { describe, expect, it } from "vitest";
import { restoreEnvTemplates, substituteEnvVars } from "./env-substitution.js";

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
