/**
 * Validation of the config sections this slice owns: `models`, `agents.defaults.model(s)`, `auth`, `env`.
 * Owned objects are strict (a typo such as `baseURL` is reported); everything else in the file is kept
 * verbatim and not validated, because other OpenClaw modules own it.
 */
import { z } from "zod";
import {
  AUTH_PROFILE_MODES,
  MODEL_APIS,
  MODEL_INPUTS,
  PROVIDER_AUTH_MODES,
  type AgentModelEntryConfig,
  type AgentModelListConfig,
  type AuthProfileConfig,
  type ModelDefinitionConfig,
  type ModelProviderConfig,
} from "./types.js";

const nonEmpty = z.string().trim().min(1);
const positiveInt = z.number().int().positive();
const headers = z.record(z.string(), z.string());

const compatSchema = z.strictObject({
  supportsStore: z.boolean().optional(),
  supportsDeveloperRole: z.boolean().optional(),
  supportsReasoningEffort: z.boolean().optional(),
  supportsUsageInStreaming: z.boolean().optional(),
  supportsStrictMode: z.boolean().optional(),
  maxTokensField: z.enum(["max_completion_tokens", "max_tokens"]).optional(),
  thinkingFormat: z.enum(["openai", "zai", "qwen"]).optional(),
  requiresToolResultName: z.boolean().optional(),
  requiresAssistantAfterToolResult: z.boolean().optional(),
  requiresThinkingAsText: z.boolean().optional(),
  requiresMistralToolIds: z.boolean().optional(),
});

export const modelDefinitionSchema = z.strictObject({
  id: nonEmpty,
  name: nonEmpty,
  api: z.enum(MODEL_APIS).optional(),
  reasoning: z.boolean().optional(),
  input: z.array(z.enum(MODEL_INPUTS)).optional(),
  cost: z
    .strictObject({ input: z.number(), output: z.number(), cacheRead: z.number(), cacheWrite: z.number() })
    .optional(),
  contextWindow: positiveInt.optional(),
  maxTokens: positiveInt.optional(),
  headers: headers.optional(),
  compat: compatSchema.optional(),
});

export const providerSchema = z.strictObject({
  baseUrl: nonEmpty,
  apiKey: z.string().optional(),
  auth: z.enum(PROVIDER_AUTH_MODES).optional(),
  api: z.enum(MODEL_APIS).optional(),
  headers: headers.optional(),
  authHeader: z.boolean().optional(),
  organizationId: z.string().optional(),
  models: z.array(modelDefinitionSchema),
});

const modelsSchema = z.looseObject({
  mode: z.enum(["merge", "replace"]).optional(),
  providers: z.record(z.string(), providerSchema).optional(),
});

const agentModelListSchema = z.strictObject({
  primary: nonEmpty.optional(),
  fallbacks: z.array(nonEmpty).optional(),
});

const agentModelEntrySchema = z.strictObject({
  alias: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

const authProfileSchema = z.strictObject({
  provider: nonEmpty,
  mode: z.enum(AUTH_PROFILE_MODES),
  email: z.string().optional(),
});

const authSchema = z.looseObject({
  profiles: z.record(z.string(), authProfileSchema).optional(),
  order: z.record(z.string(), z.array(z.string())).optional(),
});

const envSchema = z
  .looseObject({
    shellEnv: z.strictObject({ enabled: z.boolean().optional(), timeoutMs: positiveInt.optional() }).optional(),
    vars: z.record(z.string(), z.string()).optional(),
  })
  .catchall(z.string());

/** The whole file: owned sections checked, all other keys passed through untouched. */
export const openClawConfigSchema = z.looseObject({
  env: envSchema.optional(),
  auth: authSchema.optional(),
  models: modelsSchema.optional(),
  agents: z
    .looseObject({
      defaults: z
        .looseObject({
          model: z.union([nonEmpty, agentModelListSchema]).optional(),
          models: z.record(z.string(), agentModelEntrySchema).optional(),
        })
        .optional(),
    })
    .optional(),
});

// Compile-time check that the hand-written types and the schema describe the same shapes.
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: [
  MutuallyAssignable<z.infer<typeof providerSchema>, ModelProviderConfig>,
  MutuallyAssignable<z.infer<typeof modelDefinitionSchema>, ModelDefinitionConfig>,
  MutuallyAssignable<z.infer<typeof agentModelListSchema>, AgentModelListConfig>,
  MutuallyAssignable<z.infer<typeof agentModelEntrySchema>, AgentModelEntryConfig>,
  MutuallyAssignable<z.infer<typeof authProfileSchema>, AuthProfileConfig>,
] = [true, true, true, true, true];
void schemaMatchesTypes;

export type ConfigIssue = { path: string; message: string };

const EXAMPLES: Record<string, string> = {
  baseUrl: ', e.g. "https://api.kilo.ai/api/gateway/"',
  primary: ', e.g. "kilocode/anthropic/claude-opus-4.6"',
  api: ` (one of ${MODEL_APIS.join(", ")})`,
  mode: "",
};

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string ${JSON.stringify(value)}` : `a ${typeof value}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "<root>";
}

function closestKey(key: string, candidates: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  return candidates.find((candidate) => candidate.toLowerCase() === lower);
}

/** Validates a parsed config; returns human-oriented issues (empty when valid). */
export function validateConfigObject(value: unknown): ConfigIssue[] {
  const result = openClawConfigSchema.safeParse(value);
  if (result.success) return [];
  // A misspelt key ("baseURL") also shows up as a missing required one; report the cause first.
  const issues = [...result.error.issues].sort((a, b) => Number(b.code === "unrecognized_keys") - Number(a.code === "unrecognized_keys"));
  return issues.map((issue) => {
    const at = formatPath(issue.path);
    const last = issue.path[issue.path.length - 1];
    const example = typeof last === "string" ? (EXAMPLES[last] ?? "") : "";
    switch (issue.code) {
      case "unrecognized_keys": {
        const parentSchemaKeys = knownKeysAt(issue.path);
        const parts = issue.keys.map((key) => {
          const suggestion = closestKey(key, parentSchemaKeys);
          return suggestion ? `unknown key "${key}" (did you mean "${suggestion}"?)` : `unknown key "${key}"`;
        });
        return { path: at, message: `${at}: ${parts.join(", ")}` };
      }
      case "invalid_type": {
        const actual = valueAt(value, issue.path);
        const got = actual === undefined ? "nothing (the key is required)" : describeValue(actual);
        return { path: at, message: `${at}: expected ${issue.expected}${example}, got ${got}` };
      }
      case "invalid_value":
        return {
          path: at,
          message: `${at}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(valueAt(value, issue.path))}`,
        };
      case "too_small":
        return { path: at, message: `${at}: ${typeof valueAt(value, issue.path) === "string" ? `must not be empty${example}` : issue.message}` };
      default:
        return { path: at, message: `${at}: ${issue.message}` };
    }
  });
}

const KNOWN_KEYS: { match: (path: readonly PropertyKey[]) => boolean; keys: readonly string[] }[] = [
  { match: (p) => p.length === 3 && p[0] === "models" && p[1] === "providers", keys: Object.keys(providerSchema.shape) },
  { match: (p) => p.length === 5 && p[0] === "models" && p[3] === "models", keys: Object.keys(modelDefinitionSchema.shape) },
  { match: (p) => p[0] === "agents" && p[2] === "model", keys: Object.keys(agentModelListSchema.shape) },
  { match: (p) => p[0] === "agents" && p[2] === "models", keys: Object.keys(agentModelEntrySchema.shape) },
  { match: (p) => p[0] === "auth" && p[1] === "profiles", keys: Object.keys(authProfileSchema.shape) },
];

function knownKeysAt(path: readonly PropertyKey[]): readonly string[] {
  return KNOWN_KEYS.find((entry) => entry.match(path))?.keys ?? [];
}
