import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useTempState } from "../../test/helpers/temp-state.js";
import { isOpenClawError } from "../infra/errors.js";
import { getShellEnvAppliedKeys, resetShellEnvAppliedKeysForTest } from "../infra/shell-env.js";
import { loadConfig, readConfigFileSnapshot, SHELL_ENV_EXPECTED_KEYS, writeConfigFile } from "./io.js";

const state = useTempState({ beforeEach, afterEach }, { mkdir: ["stateDir"] });
beforeEach(() => resetShellEnvAppliedKeysForTest());

const env = (extra: Record<string, string> = {}): Record<string, string | undefined> => ({ ...state().env, ...extra });
const write = (text: string) => writeFileSync(state().configPath, text);
const errorOf = async (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err);

describe("SHELL_ENV_EXPECTED_KEYS", () => {
  it("has KILOCODE_API_KEY right after SYNTHETIC_API_KEY", () => {
    expect(SHELL_ENV_EXPECTED_KEYS.indexOf("KILOCODE_API_KEY")).toBe(SHELL_ENV_EXPECTED_KEYS.indexOf("SYNTHETIC_API_KEY") + 1);
  });
});

describe("loadConfig", () => {
  it("loads a missing file as {}", async () => {
    expect(await loadConfig({ env: env() })).toEqual({});
  });

  it("parses JSON5 with comments and trailing commas", async () => {
    write("{\n // hi\n models: { mode: 'merge', },\n}");
    expect(await loadConfig({ env: env() })).toEqual({ models: { mode: "merge" } });
  });

  it("reports broken JSON5 with file, line and column and leaves the file alone", async () => {
    const broken = '{\n  "models": {\n    "mode": "merge"\n    "x": 1\n}';
    write(broken);
    const err = await errorOf(loadConfig({ env: env() }));
    expect(isOpenClawError(err) && err.code).toBe("CONFIG_PARSE");
    expect((err as Error).message).toMatch(new RegExp(`^Failed to parse ${state().configPath.replace(/\./g, "\\.")}: .* at line 4, column 5$`));
    expect(readFileSync(state().configPath, "utf8")).toBe(broken);
  });

  it.each([
    [{ models: { providers: { kilocode: { baseUrl: "https://x/", models: "x" } } } }, "models.providers.kilocode.models: expected array"],
    [{ agents: { defaults: { model: { primary: 5 } } } }, "agents.defaults.model"],
    [{ auth: { profiles: { x: { provider: "kilocode", mode: "bogus" } } } }, 'auth.profiles.x.mode: expected one of "api_key", "oauth", "token"'],
    [{ models: { providers: { kilocode: { baseURL: "https://x/", models: [] } } } }, 'unknown key "baseURL" (did you mean "baseUrl"?)'],
    [{ models: { providers: { kilocode: { baseUrl: "", models: [] } } } }, "models.providers.kilocode.baseUrl: must not be empty"],
  ])("rejects a wrong value in an owned section: %j", async (config, message) => {
    write(JSON.stringify(config));
    const err = await errorOf(loadConfig({ env: env() }));
    expect(isOpenClawError(err) && err.code).toBe("CONFIG_INVALID");
    expect((err as Error).message).toContain(`Invalid config ${state().configPath}: `);
    expect((err as Error).message).toContain(message);
  });

  it("substitutes ${VAR}, honours the $${VAR} escape and names the path of a missing var", async () => {
    write(JSON.stringify({ models: { providers: { kilocode: { baseUrl: "https://x/", apiKey: "${KILOCODE_API_KEY}", headers: { Lit: "$${KEEP}" }, models: [] } } } }));
    const cfg = await loadConfig({ env: env({ KILOCODE_API_KEY: "sk-sub" }) });
    expect(cfg.models?.providers?.kilocode?.apiKey).toBe("sk-sub");
    expect(cfg.models?.providers?.kilocode?.headers).toEqual({ Lit: "${KEEP}" });
    const err = await errorOf(loadConfig({ env: env() }));
    expect((err as Error).message).toBe(`Missing env var "KILOCODE_API_KEY" referenced at config path: models.providers.kilocode.apiKey (in ${state().configPath})`);
  });

  it("applies the env block without overriding existing vars, before substitution", async () => {
    write(JSON.stringify({ env: { KILOCODE_API_KEY: "sk-block", vars: { OTHER: "o", KEEP: "block" } }, models: { providers: { kilocode: { baseUrl: "https://x/", apiKey: "${KILOCODE_API_KEY}", models: [] } } } }));
    const target = env({ KEEP: "mine" });
    const cfg = await loadConfig({ env: target });
    expect(cfg.models?.providers?.kilocode?.apiKey).toBe("sk-block");
    expect(target.OTHER).toBe("o");
    expect(target.KEEP).toBe("mine");
  });

  it("reports an unreadable config path (a directory) clearly", async () => {
    mkdirSync(state().configPath);
    const err = await errorOf(loadConfig({ env: env() }));
    expect(isOpenClawError(err) && err.code).toBe("CONFIG_UNREADABLE");
    expect((err as Error).message).toBe(`Cannot read config ${state().configPath}: it is a directory`);
  });

  it("imports KILOCODE_API_KEY from the login shell when enabled", async () => {
    writeFileSync(path.join(state().home, ".profile"), "export KILOCODE_API_KEY=sk-from-login-shell\n");
    const target = env({ OPENCLAW_LOAD_SHELL_ENV: "1", SHELL: "/bin/sh" });
    await loadConfig({ env: target });
    expect(target.KILOCODE_API_KEY).toBe("sk-from-login-shell");
    expect(getShellEnvAppliedKeys().has("KILOCODE_API_KEY")).toBe(true);
  });

  it("does not run the shell import when disabled or when a key is already set", async () => {
    writeFileSync(path.join(state().home, ".profile"), "export KILOCODE_API_KEY=sk-from-login-shell\n");
    const disabled = env({ SHELL: "/bin/sh" });
    await loadConfig({ env: disabled });
    expect(disabled.KILOCODE_API_KEY).toBeUndefined();
    const hasKey = env({ OPENCLAW_LOAD_SHELL_ENV: "1", SHELL: "/bin/sh", OPENAI_API_KEY: "sk-openai" });
    await loadConfig({ env: hasKey });
    expect(hasKey.KILOCODE_API_KEY).toBeUndefined();
  });

  it("enables the shell import from env.shellEnv.enabled in the config", async () => {
    writeFileSync(path.join(state().home, ".profile"), "export KILOCODE_API_KEY=sk-cfg-shell\n");
    write(JSON.stringify({ env: { shellEnv: { enabled: true } } }));
    const target = env({ SHELL: "/bin/sh" });
    await loadConfig({ env: target });
    expect(target.KILOCODE_API_KEY).toBe("sk-cfg-shell");
  });
});

describe("readConfigFileSnapshot", () => {
  it("reports issues instead of throwing", async () => {
    write("{ nope");
    const snapshot = await readConfigFileSnapshot({ env: env() });
    expect(snapshot.valid).toBe(false);
    expect(snapshot.exists).toBe(true);
    expect(snapshot.issues[0]?.message).toContain("Failed to parse");
    expect(snapshot.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("writeConfigFile", () => {
  it("keeps sections it does not own through a load + write round trip", async () => {
    const original = {
      gateway: { port: 18789, auth: { mode: "token" } },
      channels: { telegram: { botToken: "1:a" } },
      skills: { entries: { a: { enabled: true } } },
      wizard: { lastRunAt: "x" },
      meta: { mine: true },
      agents: { list: [{ id: "main" }], defaults: { workspace: "~/w", somethingNew: 1 } },
      models: { bedrockDiscovery: { enabled: false } },
      auth: { cooldowns: {} },
      $include: "./extra.json5",
      future: { anything: [1, 2] },
    };
    write(JSON.stringify(original));
    const cfg = await loadConfig({ env: env() });
    await writeConfigFile(cfg, { env: env() });
    const written = JSON.parse(readFileSync(state().configPath, "utf8"));
    expect({ ...written, meta: { mine: written.meta.mine } }).toEqual(original);
    expect(written.meta.lastTouchedVersion).toBeTypeOf("string");
    expect(written.meta.lastTouchedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("restores ${VAR} references whose value did not change, writes changed values", async () => {
    write(JSON.stringify({ models: { providers: { kilocode: { baseUrl: "${KILO_BASE}", apiKey: "${KILOCODE_API_KEY}", models: [] } } } }));
    const e = env({ KILOCODE_API_KEY: "sk-secret", KILO_BASE: "https://a/" });
    const cfg = await loadConfig({ env: e });
    cfg.models!.providers!.kilocode!.baseUrl = "https://b/";
    await writeConfigFile(cfg, { env: e });
    const text = readFileSync(state().configPath, "utf8");
    expect(text).toContain('"apiKey": "${KILOCODE_API_KEY}"');
    expect(text).not.toContain("sk-secret");
    expect(text).toContain('"baseUrl": "https://b/"');
  });

  it("writes mode 0600, keeps a .bak of the previous file, and leaves no temp files", async () => {
    write('{ "gateway": { "port": 1 } }');
    await writeConfigFile({ gateway: { port: 2 } }, { env: env() });
    expect(statSync(state().configPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${state().configPath}.bak`, "utf8")).toBe('{ "gateway": { "port": 1 } }');
    expect(statSync(`${state().configPath}.bak`).mode & 0o777).toBe(0o600);
    expect(readdirSync(state().stateDir).sort()).toEqual(["openclaw.json", "openclaw.json.bak"]);
  });

  it("refuses an invalid config and leaves the file untouched", async () => {
    write('{ "gateway": { "port": 1 } }');
    const err = await errorOf(writeConfigFile({ models: { providers: { kilocode: { baseUrl: "", models: [] } } } }, { env: env() }));
    expect(isOpenClawError(err) && err.code).toBe("CONFIG_INVALID");
    expect(readFileSync(state().configPath, "utf8")).toBe('{ "gateway": { "port": 1 } }');
    expect(existsSync(`${state().configPath}.bak`)).toBe(false);
  });

  it("a failed write leaves the old file intact", async () => {
    write('{ "gateway": { "port": 1 } }');
    const target = path.join(state().stateDir, "sub", "openclaw.json");
    mkdirSync(path.dirname(target));
    writeFileSync(path.join(state().stateDir, "sub", "blocker"), "");
    // The config path's parent is a regular file: the atomic write must fail before touching anything.
    const err = await errorOf(writeConfigFile({ gateway: { port: 3 } }, { env: env(), configPath: path.join(state().stateDir, "sub", "blocker", "openclaw.json") }));
    expect(err).toBeInstanceOf(Error);
    expect(readFileSync(state().configPath, "utf8")).toBe('{ "gateway": { "port": 1 } }');
  });
});

describe("hardening: bad files, links, concurrency", () => {
  it("refuses a config nested 5,000 levels deep in one line naming the file", async () => {
    write(`${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`);
    const err = await errorOf(loadConfig({ env: env() }));
    expect(isOpenClawError(err) && err.code).toBe("CONFIG_PARSE");
    expect((err as Error).message).toBe(`Failed to parse ${state().configPath}: nested more than 200 levels deep`);
  });

  it("warns (once) about an unset ${VAR} in a section this CLI does not read, and keeps it on rewrite", async () => {
    const { captureWarnings } = await import("../infra/warnings.js");
    const lines: string[] = [];
    const restore = captureWarnings((line) => lines.push(line));
    try {
      write(JSON.stringify({ channels: { telegram: { botToken: "${TELEGRAM_BOT_TOKEN}" } } }));
      const cfg = await loadConfig({ env: env() });
      await loadConfig({ env: env() });
      expect(lines.filter((line) => line.startsWith("Warning:"))).toEqual([
        `Warning: Env var "TELEGRAM_BOT_TOKEN" is not set (referenced at channels.telegram.botToken in ${state().configPath}); kept as \${TELEGRAM_BOT_TOKEN}, as this CLI does not need it.`,
      ]);
      await writeConfigFile(cfg, { env: env() });
      expect(JSON.parse(readFileSync(state().configPath, "utf8")).channels.telegram.botToken).toBe("${TELEGRAM_BOT_TOKEN}");
    } finally {
      restore();
    }
  });

  it("refuses to write through a symlinked openclaw.json, leaving link and target untouched", async () => {
    const { symlinkSync, lstatSync } = await import("node:fs");
    const real = path.join(state().root, "dotfiles-openclaw.json");
    writeFileSync(real, '{ "gateway": { "port": 1 } }');
    symlinkSync(real, state().configPath);
    expect((await loadConfig({ env: env() })).gateway).toEqual({ port: 1 });
    const err = await errorOf(writeConfigFile({ gateway: { port: 2 } }, { env: env() }));
    expect(isOpenClawError(err) && err.code).toBe("FILE_SYMLINK");
    expect(isOpenClawError(err) && err.hint).toContain("OPENCLAW_CONFIG_PATH");
    expect(readFileSync(real, "utf8")).toBe('{ "gateway": { "port": 1 } }');
    expect(lstatSync(state().configPath).isSymbolicLink()).toBe(true);
    expect(existsSync(`${state().configPath}.bak`)).toBe(false);
  });

  it("replaces a symlink at openclaw.json.bak instead of writing the backup through it", async () => {
    const { symlinkSync, lstatSync } = await import("node:fs");
    const victim = path.join(state().root, "victim");
    writeFileSync(victim, "keep me");
    symlinkSync(victim, `${state().configPath}.bak`);
    write('{ "gateway": { "port": 1 } }');
    await writeConfigFile({ gateway: { port: 2 } }, { env: env() });
    expect(readFileSync(victim, "utf8")).toBe("keep me");
    expect(lstatSync(`${state().configPath}.bak`).isFile()).toBe(true);
    expect(readFileSync(`${state().configPath}.bak`, "utf8")).toBe('{ "gateway": { "port": 1 } }');
  });

  it("refuses a FIFO at the config path instead of reading it forever", async () => {
    const { execFileSync } = await import("node:child_process");
    execFileSync("mkfifo", [state().configPath]);
    const err = await errorOf(loadConfig({ env: env() }));
    expect(isOpenClawError(err) && err.code).toBe("CONFIG_UNREADABLE");
    expect((err as Error).message).toBe(`Cannot read config ${state().configPath}: it is a FIFO (named pipe), not a regular file`);
  });

  it("20 concurrent writeConfigChange calls from stale reads lose no entry", async () => {
    const { writeConfigChange } = await import("./io.js");
    write(JSON.stringify({ gateway: { port: 1 } }));
    const base = await loadConfig({ env: env() });
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        writeConfigChange(base, { ...base, auth: { profiles: { [`p${index}:default`]: { provider: `p${index}`, mode: "api_key" } } } }, { env: env() }),
      ),
    );
    const written = JSON.parse(readFileSync(state().configPath, "utf8"));
    expect(Object.keys(written.auth.profiles)).toHaveLength(20);
    expect(written.gateway).toEqual({ port: 1 });
  });
});

describe("big configs (10 000 hand-written models)", () => {
  const bigConfig = () => ({
    channels: { telegram: { botToken: "${TELEGRAM_BOT_TOKEN}" } },
    models: {
      providers: {
        kilocode: {
          baseUrl: "https://a/",
          apiKey: "${KILOCODE_API_KEY}",
          models: Array.from({ length: 10_000 }, (_, index) => ({
            id: `vendor/model-${index}`,
            name: `Model ${index} – ünïcode`,
            input: ["text" as const],
            ...(index === 9_000 ? { headers: { "X-Secret": "${MODEL_SECRET}" } } : {}),
          })),
        },
      },
    },
    future: { anything: [1, { deep: true }] },
  });
  const secrets = { KILOCODE_API_KEY: "sk-secret-key", MODEL_SECRET: "model-secret", TELEGRAM_BOT_TOKEN: "1:tg" };

  it("writes a change from a snapshot as exactly the file plus the change, templates kept, the old bytes backed up", async () => {
    const { writeConfigChange } = await import("./io.js");
    const original = `${JSON.stringify(bigConfig(), null, 2)}\n`;
    write(original);
    const e = env(secrets);
    const snapshot = await readConfigFileSnapshot({ env: e });
    expect(snapshot.valid).toBe(true);
    const base = snapshot.config;
    const kilocode = base.models!.providers!.kilocode!;
    const next = { ...base, models: { ...base.models, providers: { kilocode: { ...kilocode, baseUrl: "https://b/" } } }, auth: { profiles: { "kilocode:default": { provider: "kilocode", mode: "api_key" as const } } } };
    await writeConfigChange(base, next, { env: e, snapshot });

    const text = readFileSync(state().configPath, "utf8");
    const written = JSON.parse(text);
    const expected = bigConfig();
    expected.models.providers.kilocode.baseUrl = "https://b/";
    expect({ ...written, meta: undefined }).toEqual({ ...expected, auth: { profiles: { "kilocode:default": { provider: "kilocode", mode: "api_key" } } }, meta: undefined });
    expect(text).toBe(`${JSON.stringify(written, null, 2)}\n`);
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    expect(readFileSync(`${state().configPath}.bak`, "utf8")).toBe(original);
  });

  it("re-reads under the lock when another writer changed the file after the snapshot (same size)", async () => {
    const { writeConfigChange } = await import("./io.js");
    write(JSON.stringify({ gateway: { port: 1111 }, models: { providers: { kilocode: { baseUrl: "https://a/", models: [] } } } }));
    const snapshot = await readConfigFileSnapshot({ env: env() });
    write(JSON.stringify({ gateway: { port: 2222 }, models: { providers: { kilocode: { baseUrl: "https://a/", models: [] } } } }));
    const base = snapshot.config;
    await writeConfigChange(base, { ...base, wizard: { lastRunAt: "now" } }, { env: env(), snapshot });
    const written = JSON.parse(readFileSync(state().configPath, "utf8"));
    expect(written.gateway).toEqual({ port: 2222 });
    expect(written.wizard).toEqual({ lastRunAt: "now" });
  });

  it("reports a bad model deep in the list with the same one-line error, and writes nothing", async () => {
    const config = bigConfig();
    (config.models.providers.kilocode.models[9_500] as Record<string, unknown>).contextWindow = -1;
    const original = JSON.stringify(config);
    write(original);
    const err = await errorOf(loadConfig({ env: env(secrets) }));
    expect(isOpenClawError(err) && err.code).toBe("CONFIG_INVALID");
    expect((err as Error).message).toBe(
      `Invalid config ${state().configPath}: models.providers.kilocode.models[9500].contextWindow: expected a positive integer, got -1`,
    );
    const good = bigConfig();
    const badWrite = { ...good, models: { providers: { kilocode: { ...good.models.providers.kilocode, models: [...good.models.providers.kilocode.models, { id: "x", name: "" }] } } } };
    const writeErr = await errorOf(writeConfigFile(badWrite, { env: env(secrets) }));
    expect((writeErr as Error).message).toBe(`Invalid config ${state().configPath}: models.providers.kilocode.models[10000].name: must not be empty`);
    expect(readFileSync(state().configPath, "utf8")).toBe(original);
    expect(existsSync(`${state().configPath}.bak`)).toBe(false);
  });
});
