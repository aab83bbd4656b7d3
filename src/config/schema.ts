/**
 * Validation of the config sections this slice owns: `models`, `agents.defaults.model(s)`, `auth`, `env`.
 * Owned objects are strict (a typo such as `baseURL` is reported); everything else in the file is kept
 * verbatim and not validated, because other OpenClaw modules own it.
 *
 * Valibot rather than zod: same declarative schemas and inferred types, but tree-shakable, so the schema
 * costs a few KB at start-up instead of most of the CLI's load time.
 */
import * as v from "valibot";
import { exceedsJsonDepth, MAX_JSON_DEPTH } from "../infra/json-depth.js";
import { compileValidityCheck, type ValidityCheck } from "./schema-check.js";
import {
  AUTH_PROFILE_MODES,
  CACHE_CONTROL_FORMATS,
  MODEL_APIS,
  MODEL_INPUTS,
  PROVIDER_AUTH_MODES,
  THINKING_FORMATS,
  type AgentModelEntryConfig,
  type AgentModelListConfig,
  type AuthProfileConfig,
  type ModelDefinitionConfig,
  type ModelProviderConfig,
} from "./types.js";

const nonEmpty = v.pipe(
  v.string(),
  v.check((value) => value.trim().length > 0, "empty"),
);
const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));
const headers = v.record(v.string(), v.string());

const compatSchema = v.strictObject({
  supportsStore: v.optional(v.boolean()),
  supportsDeveloperRole: v.optional(v.boolean()),
  supportsReasoningEffort: v.optional(v.boolean()),
  supportsUsageInStreaming: v.optional(v.boolean()),
  supportsStrictMode: v.optional(v.boolean()),
  supportsLongCacheRetention: v.optional(v.boolean()),
  maxTokensField: v.optional(v.picklist(["max_completion_tokens", "max_tokens"])),
  thinkingFormat: v.optional(v.picklist(THINKING_FORMATS)),
  cacheControlFormat: v.optional(v.picklist(CACHE_CONTROL_FORMATS)),
  requiresToolResultName: v.optional(v.boolean()),
  requiresAssistantAfterToolResult: v.optional(v.boolean()),
  requiresThinkingAsText: v.optional(v.boolean()),
  requiresReasoningContentOnAssistantMessages: v.optional(v.boolean()),
  requiresMistralToolIds: v.optional(v.boolean()),
});

export const modelDefinitionSchema = v.strictObject({
  id: nonEmpty,
  name: nonEmpty,
  api: v.optional(v.picklist(MODEL_APIS)),
  reasoning: v.optional(v.boolean()),
  input: v.optional(v.array(v.picklist(MODEL_INPUTS))),
  cost: v.optional(v.strictObject({ input: v.number(), output: v.number(), cacheRead: v.number(), cacheWrite: v.number() })),
  contextWindow: v.optional(positiveInt),
  maxTokens: v.optional(positiveInt),
  headers: v.optional(headers),
  compat: v.optional(compatSchema),
});

export const providerSchema = v.strictObject({
  baseUrl: nonEmpty,
  apiKey: v.optional(v.string()),
  auth: v.optional(v.picklist(PROVIDER_AUTH_MODES)),
  api: v.optional(v.picklist(MODEL_APIS)),
  headers: v.optional(headers),
  authHeader: v.optional(v.boolean()),
  organizationId: v.optional(v.string()),
  models: v.array(modelDefinitionSchema),
});

const agentModelListSchema = v.strictObject({
  primary: v.optional(nonEmpty),
  fallbacks: v.optional(v.array(nonEmpty)),
});

const agentModelEntrySchema = v.strictObject({
  alias: v.optional(v.string()),
  params: v.optional(v.record(v.string(), v.unknown())),
});

const authProfileSchema = v.strictObject({
  provider: nonEmpty,
  mode: v.picklist(AUTH_PROFILE_MODES),
  email: v.optional(v.string()),
});

/** The whole file: owned sections checked, all other keys passed through untouched. */
export const openClawConfigSchema = v.looseObject({
  env: v.optional(
    v.objectWithRest(
      {
        shellEnv: v.optional(v.strictObject({ enabled: v.optional(v.boolean()), timeoutMs: v.optional(positiveInt) })),
        vars: v.optional(v.record(v.string(), v.string())),
      },
      v.string(),
    ),
  ),
  auth: v.optional(
    v.looseObject({
      profiles: v.optional(v.record(v.string(), authProfileSchema)),
      order: v.optional(v.record(v.string(), v.array(v.string()))),
    }),
  ),
  models: v.optional(
    v.looseObject({
      mode: v.optional(v.picklist(["merge", "replace"])),
      providers: v.optional(v.record(v.string(), providerSchema)),
    }),
  ),
  agents: v.optional(
    v.looseObject({
      defaults: v.optional(
        v.looseObject({
          model: v.optional(v.union([nonEmpty, agentModelListSchema])),
          models: v.optional(v.record(v.string(), agentModelEntrySchema)),
          timeoutSeconds: v.optional(positiveInt),
        }),
      ),
    }),
  ),
});

// Compile-time check that the hand-written types and the schema describe the same shapes.
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: [
  MutuallyAssignable<v.InferOutput<typeof providerSchema>, ModelProviderConfig>,
  MutuallyAssignable<v.InferOutput<typeof modelDefinitionSchema>, ModelDefinitionConfig>,
  MutuallyAssignable<v.InferOutput<typeof agentModelListSchema>, AgentModelListConfig>,
  MutuallyAssignable<v.InferOutput<typeof agentModelEntrySchema>, AgentModelEntryConfig>,
  MutuallyAssignable<v.InferOutput<typeof authProfileSchema>, AuthProfileConfig>,
] = [true, true, true, true, true];
void schemaMatchesTypes;

export type ConfigIssue = { path: string; message: string };

const EXAMPLES: Record<string, string> = {
  baseUrl: ', e.g. "https://api.kilo.ai/api/gateway/"',
  primary: ', e.g. "kilocode/anthropic/claude-opus-4.6"',
  id: ', e.g. "anthropic/claude-opus-4.6"',
};

const KNOWN_KEYS: { match: (path: readonly string[]) => boolean; keys: readonly string[] }[] = [
  { match: (p) => p.length === 3 && p[0] === "models" && p[1] === "providers", keys: Object.keys(providerSchema.entries) },
  { match: (p) => p.length === 5 && p[0] === "models" && p[3] === "models", keys: Object.keys(modelDefinitionSchema.entries) },
  { match: (p) => p[0] === "agents" && p[2] === "model", keys: Object.keys(agentModelListSchema.entries) },
  { match: (p) => p[0] === "agents" && p[2] === "models", keys: Object.keys(agentModelEntrySchema.entries) },
  { match: (p) => p[0] === "auth" && p[1] === "profiles", keys: Object.keys(authProfileSchema.entries) },
];

type Issue = v.BaseIssue<unknown>;

function pathOf(issue: Issue): string[] {
  return (issue.path ?? []).map((item) => String(item.key));
}

function formatPath(segments: readonly string[]): string {
  return segments.reduce((out, key) => (/^\d+$/.test(key) ? `${out}[${key}]` : out ? `${out}.${key}` : key), "") || "<root>";
}

type LocatedIssue = { issue: Issue; segments: string[] };

/** For a union (string or object), the branch that got furthest says what is really wrong. */
function deepest(issue: Issue): LocatedIssue {
  const segments = pathOf(issue);
  if (issue.type !== "union" || !issue.issues?.length) return { issue, segments };
  const inner = deepest([...issue.issues].sort((a, b) => pathOf(b).length - pathOf(a).length)[0]!);
  const nested = inner.segments.slice(0, segments.length).join("\0") === segments.join("\0");
  return { issue: inner.issue, segments: nested ? inner.segments : [...segments, ...inner.segments] };
}

function isUnknownKey({ issue }: LocatedIssue): boolean {
  return issue.type === "strict_object" && issue.expected === "never";
}

function describe(located: LocatedIssue): ConfigIssue {
  const { issue, segments } = located;
  const last = segments[segments.length - 1] ?? "";
  const example = EXAMPLES[last] ?? "";
  if (isUnknownKey(located)) {
    const parent = segments.slice(0, -1);
    const suggestion = KNOWN_KEYS.find((entry) => entry.match(parent))?.keys.find((key) => key.toLowerCase() === last.toLowerCase());
    const at = formatPath(parent);
    return { path: at, message: `${at}: unknown key "${last}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}` };
  }
  const at = formatPath(segments);
  if (issue.type === "strict_object" || issue.received === "undefined") return { path: at, message: `${at}: is required${example}` };
  if (issue.type === "check") return { path: at, message: `${at}: must not be empty${example}` };
  if (issue.type === "picklist") {
    const options = issue.expected?.replace(/^\(|\)$/g, "").split(" | ").join(", ");
    return { path: at, message: `${at}: expected one of ${options}, got ${issue.received}` };
  }
  if (issue.type === "integer" || issue.type === "min_value") return { path: at, message: `${at}: expected a positive integer, got ${issue.received}` };
  return { path: at, message: `${at}: expected ${String(issue.expected).toLowerCase()}${example}, got ${issue.received}` };
}

/** Compiled from the schema on first use: a valid config (the usual case) needs no valibot run. */
let quickCheck: ValidityCheck | undefined | null;

/**
 * Generating and compiling the fast check costs about 2 ms of CPU, more than valibot takes on a config of
 * a few hundred models (about 8 µs each). A config with fewer configured models than this is checked by
 * valibot directly; the answers are the same (schema-check.test.ts).
 */
const QUICK_CHECK_MIN_MODELS = 256;

function quick(value: unknown): ValidityCheck | null {
  if (quickCheck === undefined && configuredModelCount(value) < QUICK_CHECK_MIN_MODELS) return null;
  quickCheck ??= compileValidityCheck(openClawConfigSchema, { maxDepth: MAX_JSON_DEPTH, exceedsDepth: exceedsJsonDepth }) ?? null;
  return quickCheck;
}

/** The length of every `models.providers.*.models` list in `value` (a few property reads, no walk). */
function configuredModelCount(value: unknown): number {
  const providers = (value as { models?: { providers?: unknown } } | null)?.models?.providers;
  if (typeof providers !== "object" || providers === null) return 0;
  let count = 0;
  for (const provider of Object.values(providers)) {
    const models = (provider as { models?: unknown } | null)?.models;
    if (Array.isArray(models)) count += models.length;
  }
  return count;
}

/**
 * True when `value` is a valid config nested no deeper than MAX_JSON_DEPTH, found in one walk. False says
 * neither which nor where: run the depth guard and validateConfigObject for the exact error.
 */
export function isValidConfigWithinDepth(value: unknown): boolean {
  const check = quick(value);
  if (check) return check(value);
  return !exceedsJsonDepth(value) && v.safeParse(openClawConfigSchema, value).success;
}

/**
 * Validates a parsed config; returns human-oriented issues (empty when valid). `validated`: a config that
 * passed before and that nothing has changed since; the objects `value` shares with it (same object, same
 * place) are not checked again.
 */
export function validateConfigObject(value: unknown, validated?: unknown): ConfigIssue[] {
  if (quick(value)?.(value, validated)) return [];
  // Invalid (or a schema the fast check cannot model): valibot's issues are the error texts users see.
  const result = v.safeParse(openClawConfigSchema, value);
  if (result.success) return [];
  // A misspelt key ("baseURL") also shows up as a missing required one; report the cause first.
  const issues = result.issues.map(deepest).sort((a, b) => Number(isUnknownKey(b)) - Number(isUnknownKey(a)));
  return issues.map(describe);
}
