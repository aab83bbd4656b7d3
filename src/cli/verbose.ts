/**
 * `--verbose [on|off|full]`, valued as OpenClaw's `agent --verbose <on|off>` is; a bare `--verbose` means on,
 * as it always did here. Read both by commander (to validate) and by the entry (to format errors).
 */
export type VerboseLevel = "off" | "on" | "full";

const LEVELS: Record<string, VerboseLevel> = {
  off: "off",
  false: "off",
  no: "off",
  "0": "off",
  on: "on",
  minimal: "on",
  true: "on",
  yes: "on",
  "1": "on",
  full: "full",
  all: "full",
};

export function normalizeVerboseLevel(raw: string | boolean | undefined): VerboseLevel | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === "boolean") return raw ? "on" : "off";
  return LEVELS[raw.trim().toLowerCase()];
}

/** Whether argv asks for verbose output (`--verbose`, `--verbose on`, `--verbose=full`; not `--verbose off`). */
export function verboseFromArgv(args: readonly string[]): boolean {
  let level: VerboseLevel | undefined;
  args.forEach((arg, index) => {
    if (arg === "--verbose") level = normalizeVerboseLevel(args[index + 1]) ?? "on";
    else if (arg.startsWith("--verbose=")) level = normalizeVerboseLevel(arg.slice("--verbose=".length)) ?? "on";
  });
  return level !== undefined && level !== "off";
}
