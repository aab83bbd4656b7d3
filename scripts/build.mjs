// Bundles src/ into dist/ with code splitting, so commands and the LLM transport stay in lazily loaded
// chunks and `openclaw --help` only parses the small entry chunk. Every dependency is bundled: the packed
// tarball has no runtime dependencies, so it installs offline in seconds (see test/package.e2e.test.ts).
import { build } from "esbuild";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
rmSync(join(root, "dist"), { recursive: true, force: true });
const ownManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const options = {
  absWorkingDir: root,
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Dependencies are bundled and tree-shaken (one parsed file beats resolving hundreds of ESM modules, and
  // pi-ai's model table is dropped); the transport still lives in chunks only `agent` loads, and undici in
  // the chunk the catalog fetch loads. Only Node built-ins stay external.
  minifySyntax: true,
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: [
      'import { createRequire as __ocCreateRequire } from "node:module";',
      'import { fileURLToPath as __ocFileURLToPath } from "node:url";',
      "const require = __ocCreateRequire(import.meta.url);",
      "const __filename = __ocFileURLToPath(import.meta.url);",
      'const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));',
    ].join(" "),
  },
  sourcemap: "linked",
  chunkNames: "chunks/[name]-[hash]",
  define: {
    __OPENCLAW_VERSION__: JSON.stringify(ownManifest.version),
    __OPENCLAW_MIN_NODE__: JSON.stringify(ownManifest.engines.node.replace(/^>=\s*/, "")),
  },
  logLevel: "warning",
  metafile: true,
};
// The full CLI: every command in its own chunk, loaded only when it runs (so --help stays small).
const full = await build({ ...options, entryPoints: { entry: "src/entry.ts" } });

// `openclaw <command> …` for the commands below (openclaw.mjs picks the bundle): the command's code in the
// entry file itself (src/entry.<command>.ts, via src/cli/command-bundle.ts). In the full build a command
// needs ~20 chunks (whatever it shares with another command is split out), and each chunk is one more
// async read, compile and link: ~0.5 ms of CPU apiece. Here the other commands are left out (such a
// bundle never loads them: it hands any other command to dist/entry.js), so the entry holds everything
// but the optional parts (undici, the lock library, the wizard's prompts, the model transport, ...).
const COMMAND_BUNDLES = ["models", "onboard", "agent"];
const ownCommandOnly = {
  name: "own-command-only",
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.?\/(register\.[a-z]+|entry)\.js$/ }, (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      // The other commands' registrations: never loaded by this bundle (left pointing nowhere).
      if (args.importer.endsWith(join("cli", "program", "command-registry.ts"))) return { path: args.path, external: true };
      // The hand-over to the full CLI: dist/entry.js, next to this bundle's entry.
      if (args.importer.endsWith(join("cli", "command-bundle.ts"))) return { path: "./entry.js", external: true };
      return undefined;
    });
  },
};
const bundles = [];
for (const command of COMMAND_BUNDLES) {
  bundles.push(await build({ ...options, entryPoints: { [`entry-${command}`]: `src/entry.${command}.ts` }, plugins: [ownCommandOnly] }));
}

// The bundled libraries' licenses ask for their notices to travel with copies of their code: write one
// file naming every package the bundle contains, with its license text.
const packageDirs = new Set();
for (const input of [full, ...bundles].flatMap((result) => Object.keys(result.metafile.inputs))) {
  const match = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
  if (match) packageDirs.add(join(root, match[1]));
}
const notices = [...packageDirs]
  .map((dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const licenseFile = readdirSync(dir).find((name) => /^(licen[cs]e|copying)/i.test(name));
    const noticeFile = readdirSync(dir).find((name) => /^notice/i.test(name));
    const text = [
      licenseFile ? readFileSync(join(dir, licenseFile), "utf8").trim() : `(no license file in the package; package.json says ${manifest.license})`,
      ...(noticeFile ? [readFileSync(join(dir, noticeFile), "utf8").trim()] : []),
    ].join("\n\n");
    return { name: manifest.name, version: manifest.version, license: manifest.license ?? "see below", text };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

// npm no longer checks the bundled packages' `engines`, so ours must cover the strictest of them.
const minimumNode = (range) => {
  const match = range?.split("||").pop().match(/(\d+)(?:\.(\d+))?(?:\.(\d+))?/);
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : [0, 0, 0];
};
const newer = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const ownMinimum = minimumNode(ownManifest.engines?.node);
for (const dir of packageDirs) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const needed = minimumNode(manifest.engines?.node);
  if (newer(needed, ownMinimum) > 0) {
    throw new Error(`${manifest.name} needs Node ${manifest.engines.node}; raise "engines.node" in package.json to at least ${needed.join(".")}`);
  }
}

writeFileSync(
  join(root, "dist", "THIRD_PARTY_LICENSES.txt"),
  [
    "dist/ bundles the following packages. Their licenses and notices follow.",
    "",
    ...notices.map((pkg) => `- ${pkg.name}@${pkg.version} (${pkg.license})`),
    "",
    ...notices.map((pkg) => `${"=".repeat(78)}\n${pkg.name}@${pkg.version} (${pkg.license})\n${"=".repeat(78)}\n\n${pkg.text}\n`),
  ].join("\n"),
);
