// Runs the tests' fake gateway (test/helpers/fake-gateway.ts) in its own Node process, for plain-JS
// scripts (bench, the installed-package smoke run). Its own process matters: those scripts spawn the CLI
// synchronously, which would block an in-process server. It listens on 127.0.0.1 only.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

const CHILD_SOURCE = `
const { startFakeGateway } = await import(process.env.OPENCLAW_FAKE_GATEWAY_MODULE);
const gateway = await startFakeGateway();
process.on("message", (message) => {
  if (message === "requests") process.send({ requests: gateway.chatRequests().map(({ path, headers, body }) => ({ path, headers, body })) });
});
process.on("disconnect", () => void gateway.close().then(() => process.exit(0)));
process.send({ baseUrl: gateway.baseUrl });
`;

/**
 * Bundles the fake gateway into `workDir` (esbuild, so no TypeScript loader is needed) and starts it.
 * Returns its base URL, a way to read the chat requests it recorded, and `close`. A caller may run its own
 * `childSource` (it imports the bundle from OPENCLAW_FAKE_GATEWAY_MODULE and sends one start-up message,
 * returned as `ready`), with extra `env`.
 */
export async function startFakeGatewayProcess({ root, workDir, timeoutMs = 30_000, childSource = CHILD_SOURCE, env = {} }) {
  const { build } = await import("esbuild");
  mkdirSync(workDir, { recursive: true });
  const modulePath = path.join(workDir, "fake-gateway.mjs");
  await build({
    absWorkingDir: root,
    entryPoints: ["test/helpers/fake-gateway.ts"],
    outfile: modulePath,
    bundle: true,
    format: "esm",
    platform: "node",
    packages: "external",
    logLevel: "warning",
  });
  const child = spawn(process.execPath, ["--input-type=module", "-e", childSource], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...env, OPENCLAW_FAKE_GATEWAY_MODULE: modulePath },
  });
  const nextMessage = (what) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake gateway: no ${what} within ${timeoutMs} ms`)), timeoutMs);
      const onExit = (code) => {
        clearTimeout(timer);
        reject(new Error(`fake gateway exited with ${code} before sending ${what}`));
      };
      child.once("exit", onExit);
      child.once("message", (message) => {
        clearTimeout(timer);
        child.off("exit", onExit);
        resolve(message);
      });
    });
  let ready;
  try {
    ready = await nextMessage("start-up message");
  } catch (err) {
    child.kill();
    throw err;
  }
  return {
    baseUrl: ready.baseUrl,
    ready,
    /** The chat requests the gateway has answered so far (path, headers, parsed body). */
    chatRequests: async () => {
      const reply = nextMessage("request list");
      child.send("requests");
      return (await reply).requests;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.disconnect();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
