import { describe, expect, it } from "vitest";
import type { AgentRunParams, AgentRunResult } from "../agents/pi-embedded-runner/run.js";
import { OpenClawError } from "../infra/errors.js";
import { createCapturingRuntime } from "../runtime.js";
import { agentCommand, formatUsageLine } from "./agent.js";

const RESULT: AgentRunResult = {
  text: "Hi there",
  model: "kilocode/anthropic/claude-opus-4.6",
  provider: "kilocode",
  usage: { input: 3, output: 2, cacheRead: 0, cacheWrite: 0, total: 5 },
  stopReason: "stop",
};

/** A run that streams the given deltas, remembering what it was asked. */
function fakeRun(deltas: string[], calls: AgentRunParams[] = []) {
  return async (params: AgentRunParams) => {
    calls.push(params);
    for (const delta of deltas) params.onText?.(delta);
    return RESULT;
  };
}

describe("agentCommand", () => {
  it("refuses an empty or blank message before any request", async () => {
    const calls: AgentRunParams[] = [];
    for (const message of ["", "   \n"]) {
      await expect(agentCommand({}, { message }, createCapturingRuntime(), { run: fakeRun([], calls), write: () => undefined })).rejects.toMatchObject({
        code: "EMPTY_MESSAGE",
      });
    }
    expect(calls).toHaveLength(0);
  });

  it("writes reply text as it streams, then a newline, and passes the options through", async () => {
    const written: string[] = [];
    const calls: AgentRunParams[] = [];
    const runtime = createCapturingRuntime();
    await agentCommand(
      {},
      { message: "hello", model: "kilocode/kilo/auto", sessionId: "s1", thinking: "high", timeoutSeconds: 5 },
      runtime,
      { run: fakeRun(["Hi", " there"], calls), write: (text) => written.push(text) },
    );
    expect(written).toEqual(["Hi", " there", "\n"]);
    expect(runtime.logs).toEqual([]);
    expect(calls[0]).toMatchObject({ message: "hello", model: "kilocode/kilo/auto", sessionId: "s1", thinking: "high", timeoutSeconds: 5 });
  });

  it("--json prints one object and no streamed text", async () => {
    const written: string[] = [];
    const runtime = createCapturingRuntime();
    await agentCommand({}, { message: "hello", json: true }, runtime, { run: fakeRun(["Hi", " there"]), write: (text) => written.push(text) });
    expect(written).toEqual([]);
    expect(runtime.logs).toHaveLength(1);
    expect(JSON.parse(runtime.logs[0] ?? "")).toEqual(RESULT);
  });

  it("stops the spinner at the first token, and on failure too", async () => {
    const events: string[] = [];
    const startSpinner = () => {
      events.push("start");
      return () => events.push("stop");
    };
    await agentCommand({}, { message: "x" }, createCapturingRuntime(), {
      run: fakeRun(["a", "b"]),
      write: (text) => events.push(`write:${text}`),
      startSpinner,
    });
    expect(events).toEqual(["start", "stop", "write:a", "write:b", "write:\n"]);

    events.length = 0;
    const failing = async () => {
      throw new OpenClawError("GATEWAY_AUTH", "rejected");
    };
    await expect(agentCommand({}, { message: "x" }, createCapturingRuntime(), { run: failing, write: () => {}, startSpinner })).rejects.toThrow("rejected");
    expect(events).toEqual(["start", "stop"]);
  });

  it("prints run notices on stderr, taking the spinner down while it does", async () => {
    const events: string[] = [];
    const runtime = createCapturingRuntime();
    const run = async (params: AgentRunParams): Promise<AgentRunResult> => {
      params.onNotice?.("Note: older turns are left out");
      params.onText?.("ok");
      return RESULT;
    };
    const startSpinner = () => {
      events.push("start");
      return () => events.push("stop");
    };
    await agentCommand({}, { message: "x" }, runtime, { run, write: (text) => events.push(`write:${text}`), startSpinner });
    expect(runtime.errors).toEqual(["Note: older turns are left out"]);
    expect(events).toEqual(["start", "stop", "start", "stop", "write:ok", "write:\n"]);
  });

  it("flushes a coalescing writer before an error leaves the command", async () => {
    const events: string[] = [];
    const run = async (params: AgentRunParams): Promise<AgentRunResult> => {
      params.onText?.("partial");
      throw new OpenClawError("GATEWAY_DROPPED", "dropped");
    };
    const failed = agentCommand({}, { message: "x" }, createCapturingRuntime(), { run, write: (text) => events.push(`write:${text}`), flush: () => events.push("flush") });
    await expect(failed).rejects.toThrow("dropped");
    expect(events).toEqual(["write:partial", "write:\n", "flush"]);
  });

  it("ends a half-streamed line before the error is reported", async () => {
    const written: string[] = [];
    const run = async (params: AgentRunParams): Promise<AgentRunResult> => {
      params.onText?.("partial");
      throw new OpenClawError("GATEWAY_DROPPED", "dropped");
    };
    await expect(agentCommand({}, { message: "x" }, createCapturingRuntime(), { run, write: (text) => written.push(text) })).rejects.toThrow("dropped");
    expect(written).toEqual(["partial", "\n"]);
  });
});

describe("usage line", () => {
  it("--verbose adds one usage line on stderr after the reply", async () => {
    const runtime = createCapturingRuntime();
    await agentCommand({}, { message: "x", verbose: true }, runtime, { run: fakeRun(["a"]), write: () => undefined });
    expect(runtime.errors).toEqual(["Usage: 3 in · 2 out · cost not reported · kilocode/anthropic/claude-opus-4.6"]);
  });

  it("shows cache tokens and the reported cost", () => {
    const usage = { input: 12_345, output: 67, cacheRead: 1000, cacheWrite: 20, total: 13_432 };
    expect(formatUsageLine({ ...usage, costUsd: 0.0123 }, "m/x")).toBe("Usage: 12,345 in · 67 out · 1,000 cache read · 20 cache write · $0.0123 · m/x");
    expect(formatUsageLine({ ...usage, costUsd: 0.000042 }, "m/x")).toContain("$0.000042");
    expect(formatUsageLine({ ...usage, costUsd: 0 }, "m/x")).toContain("$0.0000");
  });
});
