declare const __OPENCLAW_VERSION__: string | undefined;

/** Injected by the build (scripts/build.mjs); unbundled runs (tests) report a dev version. */
export const VERSION: string = typeof __OPENCLAW_VERSION__ === "string" ? __OPENCLAW_VERSION__ : "0.0.0-dev";
