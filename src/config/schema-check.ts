/**
 * A yes/no answer to "would valibot accept this value?", compiled once from the valibot schema itself, so
 * the schema stays the single source of truth. valibot builds an output copy, a dataset per value and issue
 * lists as it goes (about 8 µs per configured model); this check allocates nothing and stops at the first
 * failure. Callers run valibot only when the check says no, to get its exact issues.
 *
 * The check is generated JavaScript (as ajv does): one function per object, array and record schema, with
 * the schema's keys as literal property names, so V8 sees monomorphic property loads and direct calls. A
 * first version built from closures ran 3-4 times slower, because every closure call site and keyed load
 * was shared by all schemas. Only key names (escaped with JSON.stringify) and literal options reach the
 * source; functions and other constants are passed in.
 *
 * Each node mirrors what valibot 1.x's `~run` does for that schema type (arrays pass the object test,
 * `key in input` for entries, records skip `__proto__`/`prototype`/`constructor`, numbers reject NaN, ...).
 * A schema type, action or option it does not model (defaults, fallbacks, transformations, other actions)
 * makes `compileValidityCheck` return undefined: the caller then always uses valibot.
 * schema-check.test.ts compares the two on thousands of mutated configs.
 */

export type ValidityCheck = (value: unknown) => boolean;

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

class Compiler {
  /** Generated functions, in order. */
  readonly functions: string[] = [];
  /** Values the generated code reads as `c[i]` (check functions, non-literal options). */
  readonly constants: unknown[] = [];
  private names = 0;

  fresh(prefix: string): string {
    return `${prefix}${this.names++}`;
  }

  constant(value: unknown): string {
    this.constants.push(value);
    return `c[${this.constants.length - 1}]`;
  }

  /** A JS expression, true when the value held in the variable `name` passes `node`. */
  expression(node: SchemaNode, name: string): string {
    if (node.async || node.fallback !== undefined) throw new Unsupported();
    if (node.pipe) return this.pipe(node.pipe, name);
    if (node.kind !== "schema") throw new Unsupported();
    switch (node.type) {
      case "string":
        return `typeof ${name} === "string"`;
      case "number":
        return `(typeof ${name} === "number" && !Number.isNaN(${name}))`;
      case "boolean":
        return `typeof ${name} === "boolean"`;
      case "unknown":
        return "true";
      case "picklist":
        return this.picklist(node.options ?? [], name);
      case "optional":
        if (node.default !== undefined || !node.wrapped) throw new Unsupported();
        return `(${name} === undefined || ${this.expression(node.wrapped, name)})`;
      case "union":
        return `(${(node.options as SchemaNode[]).map((option) => this.expression(option, name)).join(" || ")})`;
      case "array":
      case "record":
      case "strict_object":
      case "loose_object":
      case "object_with_rest":
        return `${this.function(node)}(${name})`;
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

  private pipe(pipe: readonly SchemaNode[], name: string): string {
    const [first, ...actions] = pipe;
    if (!first || first.kind !== "schema" || first.pipe) throw new Unsupported();
    const parts = [this.expression(first, name)];
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

  /** Statements checking the entries of an object schema held in `v`: present ones pass, required ones exist. */
  private entries(entries: Record<string, SchemaNode>): string[] {
    return Object.keys(entries).map((key) => {
      const literal = JSON.stringify(key);
      const local = this.fresh("x");
      const onMissing = entries[key]!.type === "optional" ? "" : " else return false;";
      return `  if (${literal} in v) { const ${local} = v[${literal}]; if (!(${this.expression(entries[key]!, local)})) return false; }${onMissing}`;
    });
  }

  /** Emits a named function for a container schema and returns its name. */
  private function(node: SchemaNode): string {
    const fn = this.fresh("f");
    const body: string[] = [];
    if (node.type === "array") {
      body.push("  if (!Array.isArray(v)) return false;");
      body.push(`  for (let i = 0; i < v.length; i++) { const x = v[i]; if (!(${this.expression(node.item!, "x")})) return false; }`);
    } else {
      body.push('  if (!v || typeof v !== "object") return false;');
      if (node.type === "record") {
        body.push(`  for (const k in v) { if ${SKIPPED_KEY("v", "k")} continue; const x = v[k]; if (!(${this.expression(node.key!, "k")} && ${this.expression(node.value!, "x")})) return false; }`);
      } else {
        const entries = node.entries!;
        body.push(...this.entries(entries));
        const known = Object.keys(entries).map((key) => `case ${JSON.stringify(key)}:`).join(" ");
        if (node.type === "strict_object") {
          // valibot: any enumerable key (own or inherited) that is not an entry is an issue.
          body.push(`  for (const k in v) switch (k) { ${known} continue; default: return false; }`);
        } else if (node.type === "object_with_rest") {
          body.push(`  for (const k in v) { if ${SKIPPED_KEY("v", "k")} continue; switch (k) { ${known} continue; } const x = v[k]; if (!(${this.expression(node.rest!, "x")})) return false; }`);
        }
      }
    }
    this.functions.push(`function ${fn}(v) {\n${body.join("\n")}\n  return true;\n}`);
    return fn;
  }
}

/** The generated source and the constants it reads, or undefined for a schema the compiler does not model. */
export function generateValidityCheck(schema: unknown): { source: string; constants: unknown[] } | undefined {
  const compiler = new Compiler();
  try {
    const root = compiler.expression(schema as SchemaNode, "value");
    const source = `"use strict";\nconst hasOwn = Object.hasOwn;\n${compiler.functions.join("\n")}\nreturn (value) => !!(${root});`;
    return { source, constants: compiler.constants };
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

/** The check for `schema`, or undefined when the schema uses something this compiler does not model. */
export function compileValidityCheck(schema: unknown): ValidityCheck | undefined {
  const generated = generateValidityCheck(schema);
  return generated && (new Function("c", generated.source)(generated.constants) as ValidityCheck);
}
