import { afterEach, describe, expect, it } from "vitest";
import { getShellEnvAppliedKeys, loadShellEnvFallback, parseNulSeparatedEnv, resetShellEnvAppliedKeysForTest, resolveLoginShell } from "./shell-env.js";

afterEach(() => resetShellEnvAppliedKeysForTest());

describe("loadShellEnvFallback", () => {
  it("copies only missing expected keys and records them", () => {
    const env: Record<string, string | undefined> = { HOME: "/h", ZDOTDIR: "/z" };
    let childEnv: Record<string, string | undefined> = {};
    const result = loadShellEnvFallback({
      enabled: true,
      env,
      expectedKeys: ["KILOCODE_API_KEY", "OPENAI_API_KEY"],
      exec: (_shell, args, options) => {
        childEnv = options.env;
        expect(args).toEqual(["-l", "-c", "env -0"]);
        return "KILOCODE_API_KEY=sk-shell\0SECRET_OTHER=x\0PATH=/bin\0";
      },
    });
    expect(result).toEqual({ ran: true, applied: ["KILOCODE_API_KEY"] });
    expect(env.KILOCODE_API_KEY).toBe("sk-shell");
    expect(env.SECRET_OTHER).toBeUndefined();
    expect(childEnv.ZDOTDIR).toBeUndefined();
    expect(getShellEnvAppliedKeys().has("KILOCODE_API_KEY")).toBe(true);
  });

  it("does nothing when disabled or when a key is already set, and survives a failing shell", () => {
    const never = () => {
      throw new Error("must not run");
    };
    expect(loadShellEnvFallback({ enabled: false, env: {}, expectedKeys: ["A"], exec: never }).reason).toBe("disabled");
    expect(loadShellEnvFallback({ enabled: true, env: { A: "set" }, expectedKeys: ["A", "B"], exec: never }).reason).toBe("already-has-keys");
    const warnings: string[] = [];
    const failed = loadShellEnvFallback({ enabled: true, env: {}, expectedKeys: ["A"], exec: () => { throw new Error("boom\nmore"); }, logger: (m) => warnings.push(m) });
    expect(failed.reason).toBe("failed");
    expect(warnings).toEqual(["[openclaw] shell env fallback failed: boom"]);
  });
});

describe("helpers", () => {
  it("uses $SHELL only when it is an absolute path listed in /etc/shells", () => {
    expect(resolveLoginShell({ SHELL: "relative/sh" })).toBe("/bin/sh");
    expect(resolveLoginShell({ SHELL: "/not/a/listed/shell" })).toBe("/bin/sh");
    expect(resolveLoginShell({})).toBe("/bin/sh");
  });

  it("parses env -0 output", () => {
    expect([...parseNulSeparatedEnv("A=1\0B=x=y\0\0")]).toEqual([["A", "1"], ["B", "x=y"]]);
  });
});
