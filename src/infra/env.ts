/** An environment to read from (and, for loaders, write to): `process.env` or a test's own object. */
export type EnvRecord = Record<string, string | undefined>;
