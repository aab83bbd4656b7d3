import { describe, expect, it } from "vitest";
import { MIN_NODE_VERSION, unsupportedNodeError } from "./version.js";

describe("unsupportedNodeError", () => {
  it("accepts the minimum and anything newer", () => {
    for (const version of ["20.18.1", "20.18.2", "20.19.0", "22.0.0", "v24.1.0"]) expect(unsupportedNodeError(version, "20.18.1")).toBeUndefined();
  });

  it("refuses older versions with both versions named and what to do", () => {
    for (const version of ["20.18.0", "20.5.1", "18.20.4"]) {
      const error = unsupportedNodeError(version, "20.18.1");
      expect(error?.message).toBe(`openclaw needs Node 20.18.1 or newer; this is Node ${version}.`);
      expect(error?.hint).toContain("Install a current Node");
      expect(error?.exitCode).toBe(1);
    }
  });

  it("the Node running the tests is supported (the minimum is package.json's engines)", () => {
    expect(unsupportedNodeError(process.versions.node)).toBeUndefined();
    expect(MIN_NODE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
