/**
 * A small fuzzer for the files this CLI reads: the config, the auth store and a session transcript. Cases are
 * generated from valid files with a fixed seed (byte flips, structural noise, truncation, wrong types, deep
 * nesting, BOMs, unset `${VAR}`s, `__proto__` keys), then fed through the public readers and writers.
 * Asserted for every case: no crash (only OpenClawError is thrown), no stack trace in any message, and a
 * refused write leaves the file byte for byte as it was. A few cases also run through the built CLI.
 * Figures are in docs/reliability.md ("Data").
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureAuthProfileStore, upsertAuthProfile } from "../../src/agents/auth-profiles/index.js";
import { SessionStore } from "../../src/agents/pi-embedded-runner/session-store.js";
import { readConfigFileSnapshot, writeConfigChange } from "../../src/config/io.js";
import type { OpenClawConfig } from "../../src/config/types.js";
import { isOpenClawError } from "../../src/infra/errors.js";
import { captureWarnings } from "../../src/infra/warnings.js";
import { runCli } from "../helpers/run-cli.js";
import { useTempState } from "../helpers/temp-state.js";
import { seededRandom, type Random } from "./seeded-random.js";

const SEED = 1111;
const CASES = 150;

const VALID_CONFIG = {
  models: {
    mode: "merge",
    providers: { custom: { baseUrl: "https://example.invalid/v1/", apiKey: "${CUSTOM_KEY}", models: [{ id: "m-1", name: "M 1" }] } },
  },
  agents: { defaults: { model: { primary: "custom/m-1", fallbacks: [] }, models: { "custom/m-1": { alias: "M" } } } },
  auth: { profiles: { "custom:default": { provider: "custom", mode: "api_key" } } },
  env: { vars: { CUSTOM_KEY: "sk-env" } },
  gateway: { port: 18789, auth: { token: "${GATEWAY_TOKEN}" } },
  channels: { telegram: { enabled: true } },
};
const VALID_STORE = {
  version: 1,
  profiles: {
    "custom:default": { type: "api_key", provider: "custom", key: "sk-store" },
    "o:default": { type: "oauth", provider: "o", access: "a", refresh: "r", expires: 1 },
  },
  order: { custom: ["custom:default"] },
  usageStats: { "custom:default": { lastUsed: 1, errorCount: 0 } },
};
const VALID_SESSION = [
  { type: "session", version: 1, id: "s", timestamp: "2026-01-01T00:00:00Z" },
  { type: "message", timestamp: "t", message: { role: "user", content: "hi", timestamp: 1 } },
  { type: "message", timestamp: "t", message: { role: "assistant", content: [{ type: "text", text: "hello" }], stopReason: "stop", timestamp: 2 } },
]
  .map((entry) => JSON.stringify(entry))
  .join("\n")
  .concat("\n");

const NOISE = ["{", "}", "[", "]", '"', ":", ",", "\\", "\n", "\0", "\uFEFF", "null", "-1e999", "\u2028", "/*", "${X}"];
const VALUES: (() => unknown)[] = [
  () => null,
  () => 123,
  () => -0,
  () => "",
  () => [],
  () => ({}),
  () => true,
  () => "x".repeat(10_000),
  () => "${FUZZ_UNSET_VAR}",
  () => JSON.parse('{"__proto__": {"polluted": true}}'),
  () => [[[[[[[[[[1]]]]]]]]]],
];

function deepNest(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/** Every path to a value inside `value` (objects and arrays). */
function pathsOf(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...at, index], out));
  else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) pathsOf(item, [...at, key], out);
  return out;
}

function replaceAt(value: unknown, at: (string | number)[], replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const copy = JSON.parse(JSON.stringify(value)) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  Object.defineProperty(parent, at[at.length - 1]!, { value: replacement, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** One fuzzed variant of `valid` (an object serialised as JSON, or text for sessions). */
function mutate(random: Random, valid: unknown, asText: string): string {
  const kind = random.int(0, 7);
  switch (kind) {
    case 0: {
      const at = random.pick(pathsOf(valid));
      return JSON.stringify(replaceAt(valid, at, random.pick(VALUES)()), null, random.int(0, 1) ? 2 : 0);
    }
    case 1:
      return asText.slice(0, random.int(0, asText.length - 1));
    case 2: {
      const bytes = Buffer.from(asText);
      for (let flips = random.int(1, 4); flips > 0; flips -= 1) bytes[random.int(0, bytes.length - 1)] = random.int(0, 255);
      return bytes.toString("latin1");
    }
    case 3: {
      const at = random.int(0, asText.length);
      return asText.slice(0, at) + random.pick(NOISE) + asText.slice(at);
    }
    case 4:
      return random.int(0, 1) ? deepNest(random.pick([50, 199, 201, 5_000, 20_000])) : `[${deepNest(300)}]`;
    case 5:
      return `\uFEFF${asText}`;
    case 6:
      return random.pick(["", " ", "null", "[]", "42", '"text"', "{}", "\0\0\0", "{,}", "]"]);
    default: {
      const at = random.int(0, asText.length);
      return asText.slice(0, at) + asText.slice(random.int(at, asText.length));
    }
  }
}

type Tally = { tries: number; accepted: number; refused: number; crashes: string[]; stackTraces: string[]; modifiedOnRefusal: string[] };
const tallies: Record<string, Tally> = {};
function tally(name: string): Tally {
  tallies[name] ??= { tries: 0, accepted: 0, refused: 0, crashes: [], stackTraces: [], modifiedOnRefusal: [] };
  return tallies[name]!;
}

/** Runs `op`; a refusal must be an OpenClawError without a stack trace, and must leave `file` unchanged. */
async function check(name: string, caseId: string, file: string, op: () => Promise<unknown> | unknown, writes: boolean): Promise<void> {
  const t = tally(name);
  t.tries += 1;
  const before = readFileSync(file);
  try {
    await op();
    t.accepted += 1;
  } catch (err) {
    t.refused += 1;
    if (!isOpenClawError(err)) t.crashes.push(`${caseId}: ${(err as Error)?.stack ?? String(err)}`);
    const text = `${(err as Error)?.message ?? ""}\n${isOpenClawError(err) ? (err.hint ?? "") : ""}`;
    if (/\n\s+at .+:\d+:\d+/.test(text)) t.stackTraces.push(`${caseId}: ${text}`);
    if (writes && !before.equals(readFileSync(file))) t.modifiedOnRefusal.push(caseId);
  }
}

let restoreWarnings: () => void;
const warnings: string[] = [];
beforeAll(() => {
  restoreWarnings = captureWarnings((line) => warnings.push(line));
});
afterAll(() => {
  restoreWarnings();
  // Printed so the figures in docs/reliability.md can be refreshed from a run.
  console.log(`data fuzz (seed ${SEED}):`, JSON.stringify(Object.fromEntries(Object.entries(tallies).map(([name, t]) => [name, { tries: t.tries, accepted: t.accepted, refused: t.refused, crashes: t.crashes.length, stackTraces: t.stackTraces.length, modifiedOnRefusal: t.modifiedOnRefusal.length }]))));
});

function expectClean(name: string): void {
  const t = tally(name);
  expect(t.tries).toBeGreaterThan(0);
  expect(t.crashes).toEqual([]);
  expect(t.stackTraces).toEqual([]);
  expect(t.modifiedOnRefusal).toEqual([]);
  expect(warnings.filter((line) => /\n\s+at /.test(line))).toEqual([]);
}

const state = useTempState({ beforeEach, afterEach }, { prefix: "openclaw-fuzz-" });

describe(`data fuzzer (seed ${SEED}, ${CASES} cases per file kind)`, () => {
  it("config: read, then onboarding's write of a change; 0 crashes, 0 stack traces, 0 files modified on refusal", async () => {
    const random = seededRandom(SEED);
    mkdirSync(state().stateDir, { recursive: true });
    const valid = JSON.stringify(VALID_CONFIG, null, 2);
    const env = () => ({ ...state().env, GATEWAY_TOKEN: "tok" });
    for (let index = 0; index < CASES; index += 1) {
      const text = mutate(random, VALID_CONFIG, valid);
      const caseId = `config#${index}`;
      writeFileSync(state().configPath, text, { mode: 0o600 });
      let snapshot: Awaited<ReturnType<typeof readConfigFileSnapshot>> | undefined;
      await check("config read", caseId, state().configPath, async () => {
        snapshot = await readConfigFileSnapshot({ env: env() });
        if (snapshot.error) throw snapshot.error;
      }, false);
      if (!snapshot) continue;
      const base = snapshot.config;
      const next: OpenClawConfig = { ...base, auth: { ...base.auth, profiles: { ...base.auth?.profiles, "fuzz:default": { provider: "fuzz", mode: "api_key" } } } };
      await check("config write", caseId, state().configPath, () => writeConfigChange(base, next, { env: env(), configPath: state().configPath }), true);
    }
    expectClean("config read");
    expectClean("config write");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);

  it("auth store: read, then upsert; 0 crashes, 0 stack traces, 0 files modified on refusal, unknown keys kept", async () => {
    const random = seededRandom(SEED + 1);
    mkdirSync(state().agentDir, { recursive: true });
    const valid = JSON.stringify(VALID_STORE, null, 2);
    for (let index = 0; index < CASES; index += 1) {
      const text = mutate(random, VALID_STORE, valid);
      const caseId = `store#${index}`;
      writeFileSync(state().authStorePath, text, { mode: 0o600 });
      await check("store read", caseId, state().authStorePath, () => ensureAuthProfileStore(state().agentDir, { env: state().env }), false);
      let original: unknown;
      try {
        original = JSON.parse(text);
      } catch {
        original = undefined;
      }
      await check(
        "store upsert",
        caseId,
        state().authStorePath,
        async () => {
          await upsertAuthProfile({ profileId: "fuzz:default", credential: { type: "api_key", provider: "fuzz", key: "sk-fuzz" }, agentDir: state().agentDir, env: state().env });
          const written = JSON.parse(readFileSync(state().authStorePath, "utf8")) as Record<string, unknown>;
          if (original && typeof original === "object" && !Array.isArray(original)) {
            for (const key of Object.keys(original)) expect(Object.hasOwn(written, key), `${caseId}: top-level "${key}" kept`).toBe(true);
          }
        },
        true,
      );
    }
    expectClean("store read");
    expectClean("store upsert");
  }, 120_000);

  it("session: history read and append; 0 crashes, 0 stack traces, a refused append modifies nothing", async () => {
    const random = seededRandom(SEED + 2);
    const dir = path.join(state().stateDir, "agents", "main", "sessions");
    mkdirSync(dir, { recursive: true });
    const lines = VALID_SESSION.trim().split("\n").map((line) => JSON.parse(line) as unknown);
    for (let index = 0; index < CASES; index += 1) {
      const caseId = `session#${index}`;
      // Mutate one line (structure) or the whole text (bytes), so both broken tails and broken middles occur.
      const lineIndex = random.int(0, lines.length - 1);
      const text = random.int(0, 1)
        ? VALID_SESSION.split("\n").map((line, at) => (at === lineIndex ? mutate(random, lines[lineIndex], line).replace(/\n/g, " ") : line)).join("\n")
        : mutate(random, lines, VALID_SESSION);
      const file = path.join(dir, "s.jsonl");
      writeFileSync(file, text, { mode: 0o600 });
      const store = new SessionStore("s", state().env);
      await check("session read", caseId, file, () => store.readHistory(random.pick([10, 1_000, 100_000])), false);
      await check("session append", caseId, file, () => store.append([{ type: "message", timestamp: "t", message: { role: "user", content: "again", timestamp: 3 } }]), true);
    }
    expectClean("session read");
    expectClean("session append");
  }, 120_000);

  it("through the built CLI: 16 fuzzed configs and stores give exit 0 or 1, one-line errors, no stack trace, refused files untouched", async () => {
    const random = seededRandom(SEED + 3);
    const t = tally("cli");
    mkdirSync(state().agentDir, { recursive: true });
    const validConfig = JSON.stringify(VALID_CONFIG, null, 2);
    const validStore = JSON.stringify(VALID_STORE, null, 2);
    for (let index = 0; index < 16; index += 1) {
      const config = index % 2 === 0 ? mutate(random, VALID_CONFIG, validConfig) : validConfig;
      const store = index % 2 === 1 ? mutate(random, VALID_STORE, validStore) : validStore;
      writeFileSync(state().configPath, config, { mode: 0o600 });
      writeFileSync(state().authStorePath, store, { mode: 0o600 });
      const args = index % 4 < 2 ? ["models", "status"] : ["onboard", "--non-interactive", "--openai-api-key", "sk-cli-fuzz"];
      const result = await runCli(args, { env: { ...state().env, GATEWAY_TOKEN: "tok" }, timeoutMs: 30_000 });
      t.tries += 1;
      if (result.code === 0) t.accepted += 1;
      else t.refused += 1;
      expect([0, 1], `${args.join(" ")} on case ${index}: ${result.stderr}`).toContain(result.code);
      expect(result.stderr, `case ${index}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
      if (result.code !== 0) {
        expect(readFileSync(state().configPath, "utf8"), `config on refusal, case ${index}`).toBe(config);
        expect(readFileSync(state().authStorePath, "utf8"), `store on refusal, case ${index}`).toBe(store);
        expect(result.stderr).toMatch(/^(Warning: .*\n(Hint: .*\n)?)*Error: [^\n]+\n(Hint: [^\n]+\n)?$/);
      }
    }
  }, 180_000);
});
