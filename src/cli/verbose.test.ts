import { describe, expect, it } from "vitest";
import { normalizeVerboseLevel, verboseFromArgv } from "./verbose.js";

describe("verbose levels", () => {
  it("normalizes OpenClaw's values", () => {
    expect(normalizeVerboseLevel("on")).toBe("on");
    expect(normalizeVerboseLevel("OFF")).toBe("off");
    expect(normalizeVerboseLevel("full")).toBe("full");
    expect(normalizeVerboseLevel(true)).toBe("on");
    expect(normalizeVerboseLevel("loud")).toBeUndefined();
  });

  it("reads argv: bare, valued, =valued, and off", () => {
    expect(verboseFromArgv(["agent", "--verbose", "--message", "x"])).toBe(true);
    expect(verboseFromArgv(["agent", "--verbose", "on", "-m", "x"])).toBe(true);
    expect(verboseFromArgv(["agent", "--verbose=full"])).toBe(true);
    expect(verboseFromArgv(["agent", "--verbose", "off", "-m", "x"])).toBe(false);
    expect(verboseFromArgv(["agent", "-m", "x"])).toBe(false);
  });
});
