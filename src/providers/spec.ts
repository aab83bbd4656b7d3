/**
 * What a provider is, as data. One `ProviderSpec` per provider (`kilocode.ts`, `openrouter.ts`, ...) holds
 * every fact about it: ids and labels for onboarding, where its key and base URL come from, the headers its
 * requests carry, the family that decides its wire quirks, and an optional live catalog. Everything
 * downstream (onboarding, key lookup, config appliers, request building, cache TTL, transcript policy,
 * catalog) reads these fields; none of it names a provider.
 *
 * This module imports types only, so the CLI's start-up path stays as light as the table itself.
 */
import type { ModelApi, ModelCompatConfig, ModelCost, ModelInput } from "../config/types.js";

/**
 * How a provider behaves on the wire, beyond its wire API:
 * - `direct`: the vendor's own API; no proxy quirks.
 * - `anthropic`: Anthropic's API; every model keeps prompt caching (cache-TTL eligible).
 * - `openrouter-proxy`: an OpenRouter-style gateway (`vendor/model` ids) in front of many vendors. Anthropic
 *   models keep prompt caching (Anthropic-style `cache_control` markers), Gemini models need their thought
 *   signatures sanitised on replay, reasoning goes out in
 *   OpenRouter's format and OpenAI's prompt-cache retention fields are not sent.
 */
export type ProviderFamily = "direct" | "anthropic" | "openrouter-proxy";

/** A built-in model definition as a spec declares it (deeply read-only, so `as const` specs type-check). */
export type ProviderModelSpec = {
  readonly id: string;
  readonly name: string;
  readonly reasoning?: boolean;
  readonly input?: readonly ModelInput[];
  readonly cost?: Readonly<ModelCost>;
  readonly contextWindow?: number;
  readonly maxTokens?: number;
  readonly compat?: Readonly<ModelCompatConfig>;
};

/** A request header whose value comes from an env var, else a default (e.g. Kilo's feature header). */
export type EnvHeaderSpec = { readonly name: string; readonly envVar: string; readonly default: string };

/**
 * A header carrying an organisation scope: the env var wins over `models.providers.<id>.organizationId`;
 * without either, no header is sent.
 */
export type OrganizationHeaderSpec = { readonly name: string; readonly envVar: string };

/** A live model list at `GET <baseUrl><path>` in OpenRouter's `{data: [...]}` shape, cached on disk. */
export type ProviderCatalogSpec = {
  readonly path: string;
  /** Name pattern under the state dir's cache directory: `<name>.json` becomes one `<name>-<key>.json` per base URL, organisation and key presence. */
  readonly cacheFile: string;
  /** Env var overriding the cache TTL in milliseconds. */
  readonly ttlEnvVar: string;
  /** Used in messages: "the live <label>", "<label> unavailable". */
  readonly label: string;
  /** The wizard's model-step entry that loads it. */
  readonly browseLabel: string;
  /** What the list is called while it loads ("Loading <modelsLabel>…"); default "<id> models". */
  readonly modelsLabel?: string;
  /** Context window and max tokens for rows that do not say. */
  readonly defaultContextWindow: number;
  readonly defaultMaxTokens: number;
};

/**
 * Models a provider serves without any key (Kilo's anonymous free tier): ids ending in `modelSuffix`,
 * rate-limited per IP address. Used only when no key is found for the provider.
 */
export type AnonymousTierSpec = {
  readonly modelSuffix: string;
  /** The limit as users read it, e.g. "200 requests per hour per IP address". */
  readonly limit: string;
};

/**
 * A provider's account API: browser sign-in by device code, the profile (email, organisations) and the
 * balance. Paths are relative to the origin of the provider's effective base URL, so a base-URL override
 * moves them too. Read by src/commands/account/ and `models status --probe`.
 */
export type ProviderAccountFacet = {
  readonly deviceAuth: {
    /** The `--auth-choice` value of "Sign in with browser". */
    readonly authChoice: string;
    readonly option: { readonly label: string; readonly hint: string };
    /** `POST {origin}{startPath}` with `{}` answers `{code, verificationUrl, expiresIn}` (429: too many pending). */
    readonly startPath: string;
    /** `GET {origin}{pollPath}`, `{code}` replaced: 202 pending, 200 approved `{token, userEmail}`, 403 denied, 410 expired. */
    readonly pollPath: string;
    readonly pollIntervalMs: number;
    /** What a 429 on start means, in the provider's words. */
    readonly rateLimitedMessage: string;
  };
  /** `GET {origin}{profilePath}` (Bearer): `{user: {email, name}, organizations: [{id, name, role}]}`. */
  readonly profilePath: string;
  /** `GET {origin}{balancePath}` (Bearer): `{balance}` in USD. */
  readonly balancePath: string;
  /** `--<provider>-org <id>` for non-interactive onboarding, and its commander attribute name. */
  readonly organizationFlag: { readonly cliFlag: `--${string}`; readonly optionKey: string };
};

export type ProviderSpec = {
  /** Provider id used in model refs (`<id>/<model>`), auth profiles and `models.providers`. Lowercase. */
  readonly id: string;
  readonly label: string;
  /** Env vars tried in order; the first one set wins. The last one is the canonical API-key var. */
  readonly envVars: readonly string[];
  /** Only where upstream's name is not `<id>-api-key` (Anthropic's is `apiKey`). */
  readonly authChoice?: string;
  /**
   * Hints in the wizard's picker: on the provider group (default "API key") and on its API-key option.
   * The labels, the flag's help and the key prompt are derived from `label` ("<label> API key", ...).
   */
  readonly hints?: { readonly group?: string; readonly option?: string };
  readonly defaultModelId: string;
  /** Alias written for the default model into `agents.defaults.models`. */
  readonly alias: string;
  readonly api: ModelApi;
  readonly baseUrl: string;
  /** Env var that points the provider elsewhere at request and discovery time (never written to config). */
  readonly baseUrlEnvVar?: string;
  /**
   * Whether onboarding writes a `models.providers.<id>` block, and the runtime adds the provider implicitly
   * when a key exists. Providers built into the transport (OpenRouter, OpenAI, Anthropic) need none.
   */
  readonly writesProviderBlock: boolean;
  readonly family: ProviderFamily;
  readonly headers?: { readonly feature?: EnvHeaderSpec; readonly organization?: OrganizationHeaderSpec };
  /** Model-id prefixes (lowercase) that choose their own reasoning: no effort is injected for them. */
  readonly noReasoningInjectionPrefixes?: readonly string[];
  readonly catalog?: ProviderCatalogSpec;
  readonly anonymousTier?: AnonymousTierSpec;
  readonly account?: ProviderAccountFacet;
  /** Where to buy credits: the 402 hint links here unless the gateway names a page on the provider's own domain. */
  readonly creditsUrl?: string;
  /** Built-in model definitions; the first is the default model. */
  readonly models: readonly ProviderModelSpec[];
};

/** `kilocode` -> `kilocode`, `vercel-ai-gateway` -> `vercelAiGateway`. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

export type AuthChoiceOf<S extends ProviderSpec> = S extends { readonly authChoice: infer A extends string } ? A : `${S["id"]}-api-key`;
export type OptionKeyOf<S extends ProviderSpec> = `${CamelCase<S["id"]>}ApiKey`;

export function camelCase(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
}

/** The names derived from a spec's id, as upstream spells them. */
export function authChoiceFor(spec: ProviderSpec): string {
  return spec.authChoice ?? `${spec.id}-api-key`;
}

export function optionKeyFor(spec: ProviderSpec): string {
  return `${camelCase(spec.id)}ApiKey`;
}

export function cliFlagFor(spec: ProviderSpec): `--${string}` {
  return `--${spec.id}-api-key`;
}

export function defaultProfileIdFor(spec: ProviderSpec): string {
  return `${spec.id}:default`;
}

export function defaultModelRefFor(spec: ProviderSpec): string {
  return `${spec.id}/${spec.defaultModelId}`;
}

/** The env var a `keyRef` points to and hints name: the canonical (last) one. */
export function canonicalEnvVarFor(spec: ProviderSpec): string {
  return spec.envVars[spec.envVars.length - 1] ?? `${spec.id.toUpperCase().replace(/-/g, "_")}_API_KEY`;
}
