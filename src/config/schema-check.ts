/**
 * A yes/no answer to "would valibot accept this value, and is it nested no deeper than the depth limit?",
 * compiled once from the valibot schema itself, so the schema stays the single source of truth. valibot
 * builds an output copy, a dataset per value and issue lists as it goes (about 8 µs per configured model);
 * this check allocates nothing and stops at the first failure, and it bounds the nesting in the same walk
 * (a separate depth walk over a 10 000-model config cost as much again). Callers run valibot (and the depth
 * guard) only when the check says no, to get their exact errors.
 *
 * The check is generated JavaScript (as ajv does): one function per object, array and record schema, with
 * the schema's keys as literal property names, so V8 sees monomorphic property loads and direct calls. A
 * first version built from closures ran 3-4 times slower, because every closure call site and keyed load
 * was shared by all schemas. Only key names (escaped with JSON.stringify) and literal options reach the
 * source; functions and other constants are passed in.
 *
 * Each node mirrors what valibot 1.x's `~run` does for that schema type (arrays pass the object test,
 * entries are read through the prototype chain, records skip `__proto__`/`prototype`/`constructor`, numbers
 * reject NaN, ...). One difference, on data JSON never holds: a strict object's unknown key that is
 * inherited rather than own passes (see `function` below).
 * Values the schema does not look into (`unknown`, the extra keys of a loose object) are handed to the
 * depth guard. A schema type, action or option it does not model (defaults, fallbacks, transformations,
 * other actions) makes `compileValidityCheck` return undefined: the caller then always uses valibot.
 * schema-check.test.ts compares the two on thousands of mutated configs.
 */

/**
 * `validated`: a value this check accepted before and that nothing has changed since. An object of `value`
 * that is the very same object at the same place in `validated` is not checked again, so a writer that
 * changed a few keys of a validated config does not re-check its 10 000-model list. Inside a union the
 * branch that accepted it is unknown, so there everything is checked.
 */
export type ValidityCheck = (value: unknown, validated?: unknown) => boolean;

export type ValidityCheckOptions = {
  /** Objects and arrays nested this deep (the root at depth 0) make the check fail. */
  maxDepth: number;
  /** True when `value`, sitting at `depth`, holds an object at depth `maxDepth` or deeper. */
  exceedsDepth: (value: unknown, depth: number) => boolean;
};

/** The fields of valibot schema and action objects that the compiler reads. */
type SchemaNode = {
  kind?: string;
  type?: string;
  entries?: Record<string, SchemaNode>;
  rest?: SchemaNode;
  item?: SchemaNode;
  key?: SchemaNode;
  value?: SchemaNode;
  wrapped?: SchemaNode;
  options?: readonly unknown[];
  pipe?: readonly SchemaNode[];
  requirement?: unknown;
  default?: unknown;
  fallback?: unknown;
  async?: boolean;
};

class Unsupported extends Error {}

/** valibot's record and rest loops skip inherited keys and these three. */
const SKIPPED_KEY = (name: string, key: string) =>
  `(${key} === "__proto__" || ${key} === "prototype" || ${key} === "constructor" || !hasOwn(${name}, ${key}))`;

/** In the generated code: `x`, a child of the container at depth `d`, nests too deep. */
const TOO_DEEP = (name: string) => `(typeof ${name} === "object" && ${name} !== null && exceedsDepth(${name}, d + 1))`;

/** Whether `node` might pass `undefined` (then a required key's presence is tested apart). */
function mayAcceptUndefined(node: SchemaNode): boolean {
  if (node.pipe) return mayAcceptUndefined(node.pipe[0] ?? {});
  if (node.type === "optional" || node.type === "unknown") return true;
  if (node.type === "union") return (node.options as SchemaNode[]).some(mayAcceptUndefined);
  return node.type === "picklist" && (node.options ?? []).includes(undefined);
}

class Compiler {
  /** Generated functions, in order. */
  readonly functions: string[] = [];
  /** Values the generated code reads as `c[i]` (check functions, non-literal options). */
  readonly constants: unknown[] = [];
  private names = 0;

  constructor(private readonly maxDepth: number) {}

  fresh(prefix: string): string {
    return `${prefix}${this.names++}`;
  }

  constant(value: unknown): string {
    this.constants.push(value);
    return `c[${this.constants.length - 1}]`;
  }

  /**
   * A JS expression, true when the value held in the variable `name` (a child of the container at depth `d`)
   * passes `node`. `previous` is an expression for the value at the same place in the validated value (see
   * ValidityCheck), or "undefined".
   */
  expression(node: SchemaNode, name: string, previous: string): string {
    if (node.async || node.fallback !== undefined) throw new Unsupported();
    if (node.pipe) return this.pipe(node.pipe, name, previous);
    if (node.kind !== "schema") throw new Unsupported();
    switch (node.type) {
      case "string":
        return `typeof ${name} === "string"`;
      case "number":
        return `(typeof ${name} === "number" && !Number.isNaN(${name}))`;
      case "boolean":
        return `typeof ${name} === "boolean"`;
      case "unknown":
        return `!${TOO_DEEP(name)}`;
      case "picklist":
        return this.picklist(node.options ?? [], name);
      case "optional":
        if (node.default !== undefined || !node.wrapped) throw new Unsupported();
        return `(${name} === undefined || ${this.expression(node.wrapped, name, previous)})`;
      case "union":
        return `(${(node.options as SchemaNode[]).map((option) => this.expression(option, name, "undefined")).join(" || ")})`;
      case "array":
      case "record":
      case "strict_object":
      case "loose_object":
      case "object_with_rest":
        return `${this.function(node)}(${name}, ${previous}, d + 1)`;
      default:
        throw new Unsupported();
    }
  }

  private picklist(options: readonly unknown[], name: string): string {
    // `includes` is SameValueZero; `===` agrees with it for strings, booleans and finite numbers.
    const literal = options.every((option) => typeof option === "string" || typeof option === "boolean" || Number.isFinite(option));
    if (!literal) return `${this.constant(options)}.includes(${name})`;
    return options.length === 0 ? "false" : `(${options.map((option) => `${name} === ${JSON.stringify(option)}`).join(" || ")})`;
  }

  private pipe(pipe: readonly SchemaNode[], name: string, previous: string): string {
    const [first, ...actions] = pipe;
    if (!first || first.kind !== "schema" || first.pipe) throw new Unsupported();
    const parts = [this.expression(first, name, previous)];
    for (const action of actions) {
      if (action.kind === "metadata") continue;
      if (action.kind !== "validation") throw new Unsupported();
      if (action.type === "check" && typeof action.requirement === "function") parts.push(`${this.constant(action.requirement)}(${name})`);
      else if (action.type === "integer") parts.push(`Number.isInteger(${name})`);
      else if (action.type === "min_value" && Number.isFinite(action.requirement)) parts.push(`${name} >= ${JSON.stringify(action.requirement)}`);
      else throw new Unsupported();
    }
    return `(${parts.join(" && ")})`;
  }

  /**
   * Statements checking the entries of an object schema held in `v`: present ones pass, required ones exist;
   * `n` counts the entries holding a value. A missing key reads as undefined, which an optional entry accepts
   * and a required one rejects, unless its schema may take undefined: only then is `in` asked as well.
   */
  private entries(entries: Record<string, SchemaNode>): string[] {
    const statements = Object.keys(entries).map((key) => {
      const node = entries[key]!;
      const literal = JSON.stringify(key);
      const local = this.fresh("x");
      const check = this.expression(node, local, `(p === undefined ? undefined : p[${literal}])`);
      const onUndefined = node.type === "optional" ? "" : mayAcceptUndefined(node) ? ` else if (!(${literal} in v)) return false;` : " else return false;";
      return `  { const ${local} = v[${literal}]; if (${local} !== undefined) { if (!(${check})) return false; n++; }${onUndefined} }`;
    });
    return ["  let n = 0;", ...statements];
  }

  /** Emits a named function `(v, p, d)` for a container schema (`d`: the depth of `v`) and returns its name. */
  private function(node: SchemaNode): string {
    const fn = this.fresh("f");
    const body = [
      // Validated before, at this very place: nothing to check.
      "  if (p !== undefined && v === p) return true;",
      `  if (d >= ${this.maxDepth}) return false;`,
    ];
    const ownPrevious = `(p === undefined || !hasOwn(p, k) ? undefined : p[k])`;
    if (node.type === "array") {
      body.push("  if (!Array.isArray(v)) return false;");
      body.push("  if (!Array.isArray(p)) p = undefined;");
      body.push(`  for (let i = 0; i < v.length; i++) { const x = v[i]; if (!(${this.expression(node.item!, "x", "(p === undefined ? undefined : p[i])")})) return false; }`);
    } else {
      body.push('  if (!v || typeof v !== "object") return false;');
      body.push('  if (!p || typeof p !== "object") p = undefined;');
      if (node.type === "record") {
        const check = `${this.expression(node.key!, "k", "undefined")} && ${this.expression(node.value!, "x", ownPrevious)}`;
        body.push(`  for (const k in v) { if ${SKIPPED_KEY("v", "k")} continue; const x = v[k]; if (!(${check})) return false; }`);
        // The keys valibot skips are not checked, but they are still nested data.
        body.push(`  for (const k in v) { if (!${SKIPPED_KEY("v", "k")}) continue; const x = v[k]; if (${TOO_DEEP("x")}) return false; }`);
      } else {
        const entries = node.entries!;
        body.push(...this.entries(entries));
        const known = Object.keys(entries).map((key) => `case ${JSON.stringify(key)}:`).join(" ");
        if (node.type === "strict_object") {
          // valibot fails on any enumerable key that is not an entry. Every entry holding a value was counted,
          // so when the own keys are exactly as many, none is unknown: no loop over the keys (a for-in per
          // object cost a third of the check). Otherwise (an unknown key, or a key holding undefined) the keys
          // are gone through as valibot does. The one difference: an inherited unknown key passes when the
          // counts agree. JSON data has none, and JSON.stringify would not write one.
          body.push(`  if (Object.keys(v).length !== n) for (const k in v) switch (k) { ${known} continue; default: return false; }`);
        } else if (node.type === "object_with_rest") {
          const check = this.expression(node.rest!, "x", ownPrevious);
          body.push(`  for (const k in v) { switch (k) { ${known} continue; } const x = v[k]; if (${SKIPPED_KEY("v", "k")} ? ${TOO_DEEP("x")} : !(${check})) return false; }`);
        } else {
          // A loose object's other keys are not the schema's business, but they are still nested data.
          body.push(`  for (const k in v) { switch (k) { ${known} continue; } const x = v[k]; if (${TOO_DEEP("x")}) return false; }`);
        }
      }
    }
    this.functions.push(`function ${fn}(v, p, d) {\n${body.join("\n")}\n  return true;\n}`);
    return fn;
  }
}

/** The generated source and the constants it reads, or undefined for a schema the compiler does not model. */
function generateValidityCheck(schema: unknown, options: ValidityCheckOptions): { source: string; constants: unknown[] } | undefined {
  const compiler = new Compiler(options.maxDepth);
  try {
    // The root sits at depth 0, so its children are at `d + 1` with `d = -1`.
    const root = compiler.expression(schema as SchemaNode, "value", "validated");
    const functions = compiler.functions.join("\n");
    const source = `"use strict";\nconst hasOwn = Object.hasOwn;\nconst exceedsDepth = c.exceedsDepth;\n${functions}\nreturn (value, validated) => { const d = -1; return !!(${root}); };`;
    return { source, constants: compiler.constants };
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

/** The check for `schema`, or undefined when the schema uses something this compiler does not model. */
export function compileValidityCheck(schema: unknown, options: ValidityCheckOptions): ValidityCheck | undefined {
  const generated = generateValidityCheck(schema, options);
  if (!generated) return undefined;
  const constants = Object.assign([...generated.constants], { exceedsDepth: options.exceedsDepth });
  return new Function("c", generated.source)(constants) as ValidityCheck;
}
