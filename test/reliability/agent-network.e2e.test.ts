/**
 * `openclaw agent` against a hostile gateway, as a user runs it (the built CLI): every wait ends, a
 * broken reply is an error with exit 1 and nothing saved, the key never reaches the output, and control
 * sequences are neutralised. Loopback only; each case is bounded by runCli's own kill timer.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI_ENTRY, runCli, type CliResult } from "../helpers/run-cli.js";
import { startLocalProxy } from "../helpers/local-proxy.js";
import { useTempState } from "../helpers/temp-state.js";
import { ESCAPES, startHostileGateway, type HostileGateway } from "./hostile-gateway.js";

const KEY = "sk-kilo-hostile-0123456789abcdef";
let gateway: HostileGateway;
const state = useTempState({ beforeEach, afterEach });

beforeAll(async () => {
  gateway = await startHostileGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => {
  gateway.reset();
  writeConfig();
});

function writeConfig(defaults: Record<string, unknown> = {}): void {
  mkdirSync(state().stateDir, { recursive: true });
  writeFileSync(
    state().configPath,
    JSON.stringify({
      models: { providers: { kilocode: { baseUrl: gateway.baseUrl, api: "openai-completions", models: [] } } },
      agents: { defaults: { model: { primary: "kilocode/anthropic/claude-opus-4.6" }, ...defaults } },
    }),
  );
}

const FAST = { OPENCLAW_RETRY_BASE_MS: "1" };

async function agent(args: string[], env: Record<string, string> = {}): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  const result = await runCli(["agent", "--message", "hi", ...args], { env: { ...state().env, KILOCODE_API_KEY: KEY, ...FAST, ...env }, timeoutMs: 25_000 });
  return { ...result, ms: Date.now() - started };
}

function sessionFile(id: string): string {
  return path.join(state().stateDir, "agents", "main", "sessions", `${id}.jsonl`);
}

function expectClean(result: CliResult): void {
  expect(result.stdout + result.stderr).not.toContain(KEY);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe("time: every wait is bounded", () => {
  it.each([
    ["a gateway that never answers", { kind: "stall" as const }],
    ["headers followed by silence", { kind: "headers-then-silence" as const }],
    ["one byte per second", { kind: "drip" as const, intervalMs: 200 }],
    ["a partial reply followed by silence", { kind: "partial-then-silence" as const }],
  ])("--timeout bounds %s", async (_name, behaviour) => {
    gateway.script(behaviour, behaviour, behaviour);
    const result = await agent(["--timeout", "2"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Timed out waiting for ${gateway.baseUrl}`);
    expect(result.ms).toBeLessThan(12_000);
    expectClean(result);
  });

  it("--timeout covers retries and their backoff: refused connections stop at the deadline", async () => {
    writeFileSync(
      state().configPath,
      JSON.stringify({ models: { providers: { kilocode: { baseUrl: "http://127.0.0.1:9/api/gateway/", api: "openai-completions", models: [] } } } }),
    );
    // 20 retries at 1.5 s backoff would take far longer than the 2 s budget.
    const result = await agent(["--timeout", "2"], { OPENCLAW_MAX_RETRIES: "10", OPENCLAW_RETRY_BASE_MS: "1500" });
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(12_000);
  });

  it("fallback models share the turn's --timeout instead of starting a new one", async () => {
    writeConfig({ model: { primary: "kilocode/anthropic/claude-opus-4.6", fallbacks: ["kilocode/openai/gpt-5.2", "kilocode/google/gemini-3-pro-preview"] } });
    gateway.script({ kind: "stall" }, { kind: "stall" }, { kind: "stall" });
    const result = await agent(["--timeout", "2"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Timed out waiting for");
    expect(result.ms).toBeLessThan(12_000);
    expect(gateway.requests).toHaveLength(1);
  });

  it("an idle stream ends without --timeout (agents.defaults.timeoutSeconds)", async () => {
    writeConfig({ timeoutSeconds: 1 });
    gateway.script({ kind: "partial-then-silence", text: "half" });
    const result = await agent([]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("half\n");
    expect(result.stderr).toContain(`No data from ${gateway.baseUrl} for 1 s`);
    expect(result.ms).toBeLessThan(12_000);
  });

  it("an idle wait for headers ends too", async () => {
    writeConfig({ timeoutSeconds: 1 });
    gateway.script({ kind: "stall" });
    const result = await agent([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("No data from");
    expect(gateway.requests).toHaveLength(1);
  });

  it('a far Retry-After fails at once with "asks to retry in N minutes"', async () => {
    gateway.script({ kind: "retry-after", seconds: "100000" });
    const result = await agent([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Kilo Gateway asks to retry in 1667 minutes");
    expect(result.ms).toBeLessThan(12_000);
    expect(gateway.requests).toHaveLength(1);
  });

  it("a Retry-After beyond the remaining --timeout is not waited for", async () => {
    gateway.script({ kind: "retry-after", seconds: "20" });
    const result = await agent(["--timeout", "3"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Kilo Gateway asks to retry in 20 seconds");
    expect(result.ms).toBeLessThan(12_000);
  });

  it("SIGTERM ends a stalled wait promptly, exit 143, nothing recorded", async () => {
    gateway.script({ kind: "partial-then-silence", text: "half" });
    const env: Record<string, string> = { ...(process.env as Record<string, string>), ...state().env, KILOCODE_API_KEY: KEY, NO_COLOR: "1" };
    const child = spawn(process.execPath, [CLI_ENTRY, "agent", "--message", "hi", "--session-id", "sig"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    for (let waited = 0; !stdout.includes("half") && waited < 15_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const sentAt = Date.now();
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const code = await exited;
    clearTimeout(killer);
    expect(code).toBe(143);
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(stdout).toBe("half\n");
    expect(stderr).toContain("Interrupted (SIGTERM)");
    expect(existsSync(sessionFile("sig"))).toBe(false);
  });
});

describe("time: a key read from stdin", () => {
  it("onboard --kilocode-api-key - says what it waits for on an open, silent pipe, then takes the key", async () => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), ...state().env, NO_COLOR: "1" };
    const child = spawn(process.execPath, [CLI_ENTRY, "onboard", "--non-interactive", "--kilocode-api-key", "-"], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    for (let waited = 0; !stderr.includes("Waiting for the key") && waited < 15_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stderr).toContain("Waiting for the key for --kilocode-api-key on stdin");
    child.stdin.end(`${KEY}\n`);
    const code = await exited;
    clearTimeout(killer);
    expect(code, stderr).toBe(0);
    expect(readFileSync(state().authStorePath, "utf8")).toContain(KEY);
  });
});

describe("time: the catalog fetch through a proxy", () => {
  it("models list --all keeps its 5 s limit through an HTTPS_PROXY/HTTP_PROXY that accepts and never answers", async () => {
    const silent = await startLocalProxy({ silent: true });
    try {
      const started = Date.now();
      const proxyEnv = { HTTP_PROXY: silent.url, HTTPS_PROXY: silent.url, NO_PROXY: "" };
      const result = await runCli(["models", "list", "--provider", "kilocode", "--all", "--json"], {
        env: { ...state().env, KILOCODE_API_KEY: KEY, ...proxyEnv },
        timeoutMs: 25_000,
      });
      // Configured models are still listed.
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).models.length).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(silent.seen.length).toBeGreaterThan(0);
    } finally {
      await silent.close();
    }
  });
});

describe("truth: a broken reply is an error and nothing is saved", () => {
  it.each([
    ["an HTML captive portal", "text/html; charset=utf-8", "<html><body>Log in to the Wi-Fi</body></html>"],
    ["unexpected JSON", "application/json", '{"unexpected":true}'],
  ])("HTTP 200 with %s names the URL and content type, exit 1, no session", async (_name, contentType, body) => {
    gateway.script({ kind: "not-a-stream", contentType, body });
    const result = await agent(["--session-id", "s1"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${gateway.baseUrl}chat/completions answered HTTP 200 with ${contentType} instead of an event stream`);
    expect(existsSync(sessionFile("s1"))).toBe(false);
    expect(gateway.requests).toHaveLength(1);
  });

  it("a stream without finish_reason or [DONE] prints the text, then says it was cut off", async () => {
    gateway.script({ kind: "no-finish", text: "An answer that stops" });
    const result = await agent(["--session-id", "s2"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("An answer that stops\n");
    expect(result.stderr).toMatch(/the reply was cut off/i);
    expect(existsSync(sessionFile("s2"))).toBe(false);
  });

  it("a complete reply after all that is recorded as usual", async () => {
    const result = await agent(["--session-id", "s3"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("fine\n");
    expect(readFileSync(sessionFile("s3"), "utf8")).toContain('"stopReason":"stop"');
  });

  it("a reply over the size limit is cut with an error", async () => {
    gateway.script({ kind: "huge", bytes: 8 * 1024 * 1024 });
    const result = await agent(["--json", "--session-id", "big"], { OPENCLAW_MAX_REPLY_BYTES: String(1024 * 1024) });
    expect(result.code).toBe(1);
    // With --json the error is the JSON object on stdout.
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: "GATEWAY_REPLY_TOO_LARGE" } });
    expect(result.stdout).toContain("exceeded 1 MiB; cut off");
    expect(existsSync(sessionFile("big"))).toBe(false);
  });

  it("the default 32 MiB limit holds for a 40 MiB reply", async () => {
    gateway.script({ kind: "huge", bytes: 40 * 1024 * 1024, chunkBytes: 256 * 1024 });
    const result = await agent(["--json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("exceeded 32 MiB; cut off");
  });

  it("an SSE line over 1 MiB is an error, quickly", async () => {
    gateway.script({ kind: "long-line", bytes: 8 * 1024 * 1024 });
    const result = await agent([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("has a line longer than 1 MiB");
    expect(result.ms).toBeLessThan(10_000);
  });

  it("a redirect is not followed (the key stays with the configured host)", async () => {
    gateway.script({ kind: "redirect", status: 307, location: "http://127.0.0.1:9/steal" });
    const result = await agent([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("answered with a redirect (307) to http://127.0.0.1:9/steal; not followed");
    expect(gateway.requests).toHaveLength(1);
  });
});

const hasScript = spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0;

describe("secrets: the key never reaches the terminal", () => {
  it.skipIf(!hasScript)("escape sequences in streamed text are neutralised on a terminal", async () => {
    gateway.script({ kind: "escapes", where: "stream" });
    const env = { ...(process.env as Record<string, string>), ...state().env, KILOCODE_API_KEY: KEY, NO_COLOR: "1" };
    // util-linux `script` gives the CLI a pseudo-terminal and records exactly what it wrote to it.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_ENTRY)} agent --message hi`;
    // Asynchronously: the gateway runs in this process and must keep answering.
    const child = spawn("script", ["-qfec", command, "/dev/null"], { env, stdio: ["pipe", "pipe", "pipe"] });
    let screen = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (screen += chunk));
    const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(killer);
    expect(code, screen).toBe(0);
    expect(screen).toContain("before");
    expect(screen).toContain("\u241b]0;pwned\u2407");
    expect(screen).not.toContain("\u001b]0;pwned");
    expect(screen).not.toContain("\u001b[2J");
  });

  it.each([401, 402, 500, 503])("a %i body that echoes the Authorization header is redacted, --verbose included", async (status) => {
    gateway.script({ kind: "echo-key", status }, { kind: "echo-key", status }, { kind: "echo-key", status });
    const result = await agent(["--verbose"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Details:");
    expectClean(result);
  });

  it.each([
    ["a NUL", "\u0000"],
    ["a newline", "\n"],
  ])("a stored key with %s is refused before any request, naming the profile and not showing the key", async (_name, bad) => {
    mkdirSync(state().agentDir, { recursive: true });
    const profiles = { "kilocode:default": { type: "api_key", provider: "kilocode", key: `${KEY}${bad}tail` } };
    writeFileSync(state().authStorePath, JSON.stringify({ version: 1, profiles }));
    const result = await runCli(["agent", "--message", "hi"], { env: state().env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('profile "kilocode:default"');
    expect(result.stderr).toContain("cannot be sent in an HTTP header");
    expect(result.stderr).not.toContain(KEY);
    expect(gateway.requests).toHaveLength(0);
  });

  it("escape sequences in an error body are neutralised", async () => {
    gateway.script({ kind: "escapes", where: "error-body" }, { kind: "escapes", where: "error-body" }, { kind: "escapes", where: "error-body" });
    const result = await agent([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("boom");
    // eslint-disable-next-line no-control-regex
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(result.stderr).not.toContain(ESCAPES);
  });
});
