#!/usr/bin/env node
// The benchmark: start-up of the commands users run in scripts and containers, and the cases whose cost
// grows with the work (big catalogs, sessions, configs, long replies), each against a floor.
//
//   pnpm bench            full run, prints Markdown tables
//   pnpm bench --quick    few runs, no 100 000-model case: proves the harness works (CI); asserts nothing,
//                         numbers are indicative only
//   pnpm bench --json     machine-readable results
//   pnpm bench --only status   just the cases whose name contains "status"
//
// Method: floor and command alternate (floor, command, floor, command, ...) and every ratio is taken pair
// by pair, so load from other processes on a shared machine hits both sides alike. The floor is
// `node -e 0`, except for the long reply, whose floor is a bare fetch-and-print script. Each run reports
// wall time, CPU time (user + system, all threads, from wait4) and peak RSS; a table shows the median and
// the min–max spread. Targets apply to the median CPU ratio. Inputs are generated
// (scripts/lib/bench-inputs.mjs) and served by the tests' fake gateway in its own process.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { startBenchGateways } from "./lib/bench-gateways.mjs";
import { configuredModels, sessionJsonl } from "./lib/bench-inputs.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
// --only <text>: run just the cases whose name contains the text (for working on one case).
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1] : undefined;
const asJson = args.has("--json");
const KEY = "sk-bench-0000000000000000";

function log(message) {
  if (!asJson) process.stderr.write(`${message}\n`);
}

log("Building…");
execFileSync(process.execPath, [path.join(root, "scripts", "build.mjs")], { stdio: "inherit" });

const work = mkdtempSync(path.join(os.tmpdir(), "openclaw-bench-"));
const benchDir = path.join(root, ".bench");
mkdirSync(benchDir, { recursive: true });

const gateways = await startBenchGateways({
  root,
  workDir: benchDir,
  spec: {
    small: { catalogModels: 3 },
    catalog1k: { catalogModels: 1000 },
    ...(quick ? {} : { catalog100k: { catalogModels: 100_000 } }),
    reply50k: { replyChunks: 50_000 },
  },
});

// --- Timing -------------------------------------------------------------------------------------------

// wait4 gives a child's CPU time (every thread, until it is reaped) and peak RSS with microsecond
// resolution; Node has no such call, so a few lines of Python do it when Python is there.
const measurePy = path.join(benchDir, "measure.py");
writeFileSync(
  measurePy,
  `import json, os, subprocess, sys, time
err = open(os.environ["BENCH_STDERR_FILE"], "wb")
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
proc.returncode = os.waitstatus_to_exitcode(status)
print(json.dumps({"wall": wall * 1000, "cpu": (usage.ru_utime + usage.ru_stime) * 1000, "rssKb": usage.ru_maxrss, "code": proc.returncode}))
`,
);
const usePython = !args.has("--node-timer") && spawnSync("python3", ["-c", "import os; os.wait4"], { stdio: "ignore" }).status === 0;
// Without Python: wall time from here, CPU and RSS from a preload at the child's exit (misses teardown).
const usagePreload = path.join(benchDir, "report-usage.cjs");
writeFileSync(
  usagePreload,
  "process.on('exit',()=>{try{const u=process.resourceUsage();require('fs').writeFileSync(process.env.BENCH_USAGE_FILE,JSON.stringify({cpu:(u.userCPUTime+u.systemCPUTime)/1000,rssKb:u.maxRSS}))}catch{}});\n",
);
const stderrFile = path.join(benchDir, "stderr.txt");
const usageFile = path.join(benchDir, "usage.json");

function runOnce(testCase) {
  testCase.prepare?.();
  const env = { ...testCase.env(), BENCH_STDERR_FILE: stderrFile };
  let sample;
  if (usePython) {
    const result = spawnSync("python3", [measurePy, process.execPath, ...testCase.argv], { env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`timer failed: ${result.stderr}`);
    sample = JSON.parse(result.stdout);
  } else {
    rmSync(usageFile, { force: true });
    const started = performance.now();
    const result = spawnSync(process.execPath, testCase.argv, {
      env: { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --require ${usagePreload}`.trim(), BENCH_USAGE_FILE: usageFile },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const wall = performance.now() - started;
    writeFileSync(stderrFile, result.stderr ?? "");
    sample = { wall, ...JSON.parse(readFileSync(usageFile, "utf8")), code: result.status };
  }
  if (sample.code !== 0) throw new Error(`${testCase.name} exited ${sample.code}: ${readFileSync(stderrFile, "utf8").trim()}`);
  return sample;
}

// --- States and inputs ----------------------------------------------------------------------------------

const baseEnv = { ...process.env, NO_COLOR: "1", CI: "true" };
for (const key of Object.keys(baseEnv)) {
  if (/^(OPENCLAW_|KILOCODE_|OPENROUTER_|OPENAI_|ANTHROPIC_|HTTPS?_PROXY|ALL_PROXY|NO_PROXY)/i.test(key)) delete baseEnv[key];
}
const cli = path.join(root, "openclaw.mjs");

function stateEnv(name) {
  const home = path.join(work, name);
  return { ...baseEnv, HOME: home, OPENCLAW_STATE_DIR: path.join(home, ".openclaw") };
}

/** A state dir onboarded for Kilo Gateway and pointed at one of the fake gateways. */
function onboardedState(name, baseUrl, editConfig = (config) => config) {
  const env = stateEnv(name);
  mkdirSync(env.OPENCLAW_STATE_DIR, { recursive: true });
  execFileSync(process.execPath, [cli, "onboard", "--non-interactive", "--kilocode-api-key", KEY], { env });
  const configPath = path.join(env.OPENCLAW_STATE_DIR, "openclaw.json");
  const config = JSON.parse(readFileSync(configPath, "utf8"));
  config.models.providers.kilocode.baseUrl = baseUrl;
  writeFileSync(configPath, `${JSON.stringify(editConfig(config), null, 2)}\n`);
  return { env, configPath, stateDir: env.OPENCLAW_STATE_DIR };
}

const ready = onboardedState("ready", gateways.urls.small);
const withBigConfig = (config) => {
  config.models.providers.kilocode.models = [...config.models.providers.kilocode.models, ...configuredModels(10_000)];
  return config;
};
const bigConfig = onboardedState("big-config", gateways.urls.small, withBigConfig);
const reply = onboardedState("reply", gateways.urls.reply50k);

const sessionsDir = (state) => path.join(state.stateDir, "agents", "main", "sessions");
mkdirSync(sessionsDir(ready), { recursive: true });
const sessionTemplates = {};
for (const count of [1000, 10_000]) {
  sessionTemplates[count] = path.join(work, `session-${count}.jsonl`);
  writeFileSync(sessionTemplates[count], sessionJsonl(`bench-${count}`, count));
}

const catalogStates = { 3: onboardedState("catalog-3", gateways.urls.small), 1000: onboardedState("catalog-1k", gateways.urls.catalog1k) };
if (!quick) catalogStates[100_000] = onboardedState("catalog-100k", gateways.urls.catalog100k);

// --- Cases ----------------------------------------------------------------------------------------------

const nodeFloor = { name: "node -e 0", argv: ["-e", "0"], env: () => baseEnv };
const fetchFloor = { name: "bare fetch-and-print", argv: [path.join(root, "scripts", "lib", "fetch-print.mjs"), gateways.urls.reply50k, KEY], env: () => baseEnv };

const onboardEnv = stateEnv("onboard");
const onboardBigEnv = stateEnv("onboard-big");
const freshDir = (env, seedConfig) => () => {
  rmSync(env.OPENCLAW_STATE_DIR, { recursive: true, force: true });
  if (seedConfig) {
    mkdirSync(env.OPENCLAW_STATE_DIR, { recursive: true });
    copyFileSync(seedConfig, path.join(env.OPENCLAW_STATE_DIR, "openclaw.json"));
  }
};

const startup = [
  { name: "openclaw --help", argv: [cli, "--help"], env: () => baseEnv, target: 1.5 },
  { name: "openclaw --version", argv: [cli, "--version"], env: () => baseEnv, target: 1.5 },
  { name: "onboard --non-interactive", argv: [cli, "onboard", "--non-interactive", "--kilocode-api-key", KEY], env: () => onboardEnv, prepare: freshDir(onboardEnv), target: 2 },
  { name: "models status", argv: [cli, "models", "status"], env: () => ready.env, target: 2 },
  { name: "agent --message hi", argv: [cli, "agent", "--message", "hi"], env: () => ready.env, target: 3 },
];

const catalogCase = (count, target) => ({
  name: `models list --provider kilocode --all, cold cache, ${count.toLocaleString("en-US")} models`,
  argv: [cli, "models", "list", "--provider", "kilocode", "--all"],
  env: () => catalogStates[count].env,
  prepare: () => rmSync(path.join(catalogStates[count].stateDir, "cache"), { recursive: true, force: true }),
  target,
  units: { count, label: "model" },
  heavy: count > 1000,
});
const sessionCase = (count, target) => ({
  name: `agent turn, ${count.toLocaleString("en-US")}-message session`,
  argv: [cli, "agent", "--session-id", "bench", "--message", "hi"],
  env: () => ready.env,
  prepare: () => copyFileSync(sessionTemplates[count], path.join(sessionsDir(ready), "bench.jsonl")),
  target,
  units: { count, label: "message" },
});

const scaling = [
  catalogCase(3, 2),
  catalogCase(1000, 2.5),
  ...(quick ? [] : [catalogCase(100_000, 10)]),
  sessionCase(1000, 2.5),
  sessionCase(10_000, 3),
  { name: "models status, 10 000-model config", argv: [cli, "models", "status"], env: () => bigConfig.env, target: 2.5, units: { count: 10_000, label: "model" } },
  {
    name: "onboard --non-interactive, 10 000-model config",
    argv: [cli, "onboard", "--non-interactive", "--kilocode-api-key", KEY],
    env: () => onboardBigEnv,
    prepare: freshDir(onboardBigEnv, bigConfig.configPath),
    target: 3,
    units: { count: 10_000, label: "model" },
  },
  {
    name: "agent, 50 000-chunk reply",
    argv: [cli, "agent", "--message", "hi"],
    env: () => reply.env,
    floor: fetchFloor,
    target: 1.3,
    units: { count: 50_000, label: "chunk" },
  },
];

// --- Running --------------------------------------------------------------------------------------------

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const spread = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });

function measure(testCase) {
  const floor = testCase.floor ?? nodeFloor;
  const pairs = quick ? 3 : testCase.heavy ? 9 : 11;
  const warmups = quick ? 1 : 2;
  for (let index = 0; index < warmups; index++) {
    runOnce(floor);
    runOnce(testCase);
  }
  const samples = [];
  for (let index = 0; index < pairs; index++) samples.push({ floor: runOnce(floor), command: runOnce(testCase) });
  const unitCost = testCase.units
    ? spread(samples.map((pair) => ((pair.command.cpu - pair.floor.cpu) * 1000) / testCase.units.count))
    : undefined;
  const row = {
    name: testCase.name,
    floor: floor.name,
    pairs,
    wallMs: spread(samples.map((pair) => pair.command.wall)),
    cpuMs: spread(samples.map((pair) => pair.command.cpu)),
    floorCpuMs: spread(samples.map((pair) => pair.floor.cpu)),
    cpuRatio: spread(samples.map((pair) => pair.command.cpu / pair.floor.cpu)),
    wallRatio: spread(samples.map((pair) => pair.command.wall / pair.floor.wall)),
    rssMb: Math.max(...samples.map((pair) => pair.command.rssKb)) / 1024,
    target: testCase.target,
    ...(testCase.units ? { units: testCase.units, extraCpuUsPerUnit: unitCost, cpuUsPerUnit: spread(samples.map((pair) => (pair.command.cpu * 1000) / testCase.units.count)) } : {}),
  };
  row.withinTarget = row.cpuRatio.median <= row.target;
  return row;
}

log(`Timer: ${usePython ? "wait4 (python3)" : "node harness (CPU from an exit preload)"}; floor and command alternate pair by pair.`);
const results = { startup: [], scaling: [] };
try {
  for (const [group, cases] of [
    ["startup", startup],
    ["scaling", scaling],
  ]) {
    for (const testCase of cases) {
      if (only && !testCase.name.includes(only)) continue;
      log(`  ${testCase.name}…`);
      results[group].push(measure(testCase));
    }
  }
} finally {
  await gateways.close();
  rmSync(work, { recursive: true, force: true });
}

// --- Report ---------------------------------------------------------------------------------------------

const range = (value, digits = 1) => `${value.median.toFixed(digits)} (${value.min.toFixed(digits)}–${value.max.toFixed(digits)})`;
const verdict = (row) => `<= ${row.target}x ${row.withinTarget ? "ok" : "OVER"}${quick ? " (indicative only)" : ""}`;

if (asJson) {
  process.stdout.write(`${JSON.stringify({ quick, indicativeOnly: quick, timer: usePython ? "wait4" : "node", node: process.version, cpus: os.cpus().length, ...results }, null, 2)}\n`);
} else {
  const header = "| work | floor | CPU ratio | wall ratio | target (CPU) | CPU ms | wall ms | peak RSS (MB) |";
  const rule = "|---|---|---:|---:|---:|---:|---:|---:|";
  const line = (row) =>
    `| ${row.name} | ${row.floor} | ${range(row.cpuRatio, 2)} | ${range(row.wallRatio, 2)} | ${verdict(row)} | ${range(row.cpuMs)} | ${range(row.wallMs)} | ${row.rssMb.toFixed(1)} |`;
  const out = [
    `Node ${process.version}, ${os.cpus().length} CPUs, timer: ${usePython ? "wait4" : "node harness"}; median (min–max) over pairs${
      quick ? " (--quick: numbers are indicative only)" : ""
    }`,
    "",
    "Start-up",
    "",
    header,
    rule,
    ...results.startup.map(line),
    "",
    "Scaling cases",
    "",
    header,
    rule,
    ...results.scaling.map(line),
    "",
    "Cost per unit of work (CPU µs per unit: the command's own, and beyond its floor)",
    "",
    "| work | unit | CPU µs per unit | beyond the floor, µs per unit |",
    "|---|---|---:|---:|",
    ...results.scaling.map((row) => `| ${row.name} | ${row.units.label} | ${range(row.cpuUsPerUnit, 2)} | ${range(row.extraCpuUsPerUnit, 2)} |`),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  if (quick) log("(--quick: few runs, indicative only; use `pnpm bench` for numbers worth recording)");
}
