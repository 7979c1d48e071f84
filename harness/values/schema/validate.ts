// Documented values checked against JSON Schema with a real validator (Ajv, with its formats),
// and the validator's errors turned into one problem per defect: a union that fails reports only
// the branch the value was meant to be (Spectral and plain Ajv report every branch), a missing
// set of required fields is one problem, a wrongly typed value is not also reported for its
// format or enum. Unions are resolved before the validator sees them (see `walk`), which also
// keeps compiling fast: a union's branches are compiled when a value may be one of them.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { CompiledStore } from './store.ts';
import type { Json } from '../../model.ts';
import { displayPath, pointer, stepsOf } from '../spans.ts';
import { show } from '../../compare/format.ts';
import type { JsonSchema } from './normalize.ts';

/** One defect of a value: where (a JSON pointer into it) and what the schema expects there. */
export interface SchemaProblem {
  path: string;
  /** Point at the member's key (an undeclared field) or at its value. */
  at: 'key' | 'value';
  /** The validator keyword that failed: `type`, `enum`, `required`, `additionalProperties`, … */
  keyword: string;
  /** Says what is there and what the schema expects, without the path. */
  message: string;
}

/** Unions with more branches than this are not all checked to find what they share. */
const MAX_SHARED_BRANCHES = 8;

/** What compiled code may load: Ajv's runtime helpers and the formats, from doc-harness's own dependencies. */
const requireHere = createRequire(import.meta.url);
const AJV_VERSION: string = (requireHere('ajv/package.json') as { version: string }).version;

export class SchemaValidator {
  private compiler?: Ajv;
  private readonly compiled = new WeakMap<object, ValidateFunction>();
  private readonly plans = new WeakMap<object, Plan>();
  private readonly unions = new WeakMap<object, boolean>();
  /** Where compiled validators are kept between runs, if anywhere. */
  store?: CompiledStore;

  /**
   * The compiler, made on first need: a run whose validators all come from the store never loads
   * it (most of Ajv is its compiler). Every error (not the first), with the failing schema for the
   * messages. Not strict: the schemas come from a third party's document, and a keyword a strict
   * compile would refuse must not stop the other checks. The code is kept (`source`) for the
   * store, and refers to the formats by module, so that stored code runs without this instance.
   */
  private get ajv(): Ajv {
    if (!this.compiler) {
      const { Ajv: Compiler, _ } = requireHere('ajv') as typeof import('ajv');
      this.compiler = new Compiler({
        allErrors: true,
        verbose: true,
        strict: false,
        allowUnionTypes: true,
        code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
      });
      (requireHere('ajv-formats') as typeof import('ajv-formats')).default(this.compiler);
    }
    return this.compiler;
  }

  /** The problems of `value` against `schema`, one per defect, sorted by path. */
  check(schema: JsonSchema, value: Json): SchemaProblem[] {
    const problems = this.walk(schema, value, '', new Map());
    return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Unions are resolved here, not by the validator: a union's branches are compiled only when a
   * value may be one of them, and the problems reported are those of the branch the value was
   * meant to be, never a cascade from every branch. What holds no union is the validator's.
   */
  private walk(schema: JsonSchema, value: Json, path: string, missing: Map<string, string[]>): SchemaProblem[] {
    if (schema === true) return [];
    if (schema === false) return [{ path, at: 'value', keyword: 'false', message: `${describe(value)} is not allowed here` }];
    if (Array.isArray(schema.allOf)) {
      const { allOf, ...rest } = schema;
      return [rest, ...(allOf as JsonSchema[])].flatMap((part) => this.walk(part, value, path, missing));
    }
    if (Array.isArray(schema.anyOf)) {
      const { anyOf, ...rest } = schema;
      const own = Object.keys(rest).length > 0 ? this.walk(rest, value, path, missing) : [];
      return own.length > 0 ? own : this.union(anyOf as JsonSchema[], value, path, missing);
    }
    const plan = this.plan(schema);
    const problems = this.validate(plan.leaf, value, path, missing);
    if (problems.some((p) => p.path === path && p.keyword === 'type')) return problems;
    const wrapped = this.unwrapped(schema, plan, value, path, problems, missing);
    if (wrapped) return wrapped;
    if (isObject(value)) {
      for (const [name, child] of plan.properties) {
        if (name in value) problems.push(...this.walk(child, value[name], `${path}${pointer([name])}`, missing));
      }
      if (plan.additional) {
        const declared = plan.declared;
        for (const [name, item] of Object.entries(value)) {
          if (!declared.has(name)) problems.push(...this.walk(plan.additional, item, `${path}${pointer([name])}`, missing));
        }
      }
    }
    if (Array.isArray(value) && plan.items) {
      value.forEach((item, index) => problems.push(...this.walk(plan.items!, item, `${path}${pointer([index])}`, missing)));
    }
    return problems;
  }

  /**
   * `{ "device": { …a device… } }` where a device is expected: the value is wrapped in an extra
   * object. Said once, with the wrapped value's own problems, instead of "misses every field"
   * and "`device` is not a field".
   */
  private unwrapped(schema: JsonSchema, plan: Plan, value: Json, path: string, problems: SchemaProblem[], missing: Map<string, string[]>): SchemaProblem[] | undefined {
    if (!isObject(value) || plan.declared.size === 0) return undefined;
    const keys = Object.keys(value);
    if (keys.length !== 1 || plan.declared.has(keys[0]) || !isObject(value[keys[0]])) return undefined;
    if (!problems.every((p) => (p.keyword === 'required' && p.path === path) || (p.keyword === 'additionalProperties' && p.path === `${path}${pointer([keys[0]])}`))) return undefined;
    const inner = this.walk(schema, value[keys[0]], `${path}${pointer([keys[0]])}`, missing);
    // Only when the wrapped value is much closer to what is expected than the wrapper is.
    if (inner.length >= problems.length) return undefined;
    return [{ path: `${path}${pointer([keys[0]])}`, at: 'key', keyword: 'wrapped', message: `the value is wrapped in \`${keys[0]}\`: the API has its fields here, not inside \`${keys[0]}\`` }, ...inner];
  }

  /** The problems of the branch `value` is closest to; none when it fits one. */
  private union(branches: readonly JsonSchema[], value: Json, path: string, missing: Map<string, string[]>): SchemaProblem[] {
    const kinds = branches.filter((branch) => admitsType(branch, value));
    if (kinds.length === 0) {
      const types = [...new Set(branches.flatMap(typesOf))];
      return [{ path, at: 'value', keyword: 'type', message: `expected ${sayTypes(types)}, found ${describe(value)}` }];
    }
    let candidates = kinds.filter((branch) => mismatchedTags(branch, value).length === 0);
    if (candidates.length === 0) {
      // No branch has the value's tags (`action_type`, `status`): say which tag no branch allows.
      const tag = isObject(value) ? sharedTags(kinds).find((name) => name in value && kinds.every((b) => mismatchedTags(b, value).includes(name))) : undefined;
      if (tag !== undefined && isObject(value)) {
        const allowed = [...new Set(kinds.map((branch) => tagValue(branch, tag)).filter((v): v is Json => v !== undefined))];
        const problem: SchemaProblem = { path: `${path}${pointer([tag])}`, at: 'value', keyword: 'enum', message: `${show(value[tag])} is not ${oneOf(allowed)}` };
        return [problem, ...this.shared(kinds, value, path, problem.path, missing)];
      }
      candidates = kinds;
    }
    let best: { branch: JsonSchema; problems: SchemaProblem[] } | undefined;
    const outcomes: SchemaProblem[][] = [];
    for (const branch of candidates) {
      const branchMissing = new Map(missing);
      const problems = this.walk(branch, value, path, branchMissing);
      if (problems.length === 0) return [];
      outcomes.push(problems);
      if (!best || problems.length < best.problems.length) best = { branch, problems };
    }
    // A value in no branch's enum (`device_type` is a union of per-kind enums) is one problem naming them all.
    if (outcomes.length > 1 && outcomes.every((problems) => problems.length === 1 && problems[0].keyword === 'enum' && problems[0].path === path)) {
      const allowed = [...new Set(candidates.flatMap((branch) => (typeof branch === 'object' && Array.isArray(branch.enum) ? (branch.enum as Json[]) : [])))].filter((v) => v !== null);
      return [{ path, at: 'value', keyword: 'enum', message: `${show(value)} is not ${oneOf(allowed)}` }];
    }
    return best ? combinations(best.branch, best.problems, candidates, value, path) : [];
  }

  /**
   * With its tag in no branch, which branch a value was meant to be is unknown: what every branch
   * finds wrong (a malformed id beside an unknown `hvac_mode_setting`) is still a defect. Only
   * for small unions: a large one (every action type) would compile every branch to say little.
   */
  private shared(branches: readonly JsonSchema[], value: Json, path: string, tagPath: string, missing: Map<string, string[]>): SchemaProblem[] {
    if (branches.length > MAX_SHARED_BRANCHES) return [];
    const key = (p: SchemaProblem) => `${p.path}\u0000${p.keyword}\u0000${p.message}`;
    const outcomes = branches.map((branch) => this.walk(branch, value, path, new Map(missing)).filter((p) => p.path !== tagPath && !p.path.startsWith(`${tagPath}/`)));
    const [first, ...rest] = outcomes;
    return first.filter((problem) => rest.every((problems) => problems.some((other) => key(other) === key(problem))));
  }

  private validate(schema: JsonSchema, value: Json, path: string, missing: Map<string, string[]>): SchemaProblem[] {
    const validate = this.compile(schema);
    if (validate(value)) return [];
    return explain(validate.errors ?? [], value, path, missing);
  }

  private compile(schema: JsonSchema): ValidateFunction {
    if (typeof schema === 'boolean') return this.ajv.compile(schema);
    let validate = this.compiled.get(schema);
    if (!validate) this.compiled.set(schema, (validate = this.load(schema)));
    return validate;
  }

  /** The stored code of a schema's validator when there is some, else a fresh compile (then stored). */
  private load(schema: object): ValidateFunction {
    if (!this.store) return this.ajv.compile(schema);
    const key = createHash('sha256').update(AJV_VERSION).update('\u0000').update(JSON.stringify(schema)).digest('hex').slice(0, 32);
    const stored = this.store.get(key);
    if (stored !== undefined) {
      const module: { exports: unknown } = { exports: {} };
      new Function('module', 'exports', 'require', stored)(module, module.exports, requireHere);
      return module.exports as ValidateFunction;
    }
    const validate = this.ajv.compile(schema);
    const standalone = requireHere('ajv/dist/standalone') as typeof import('ajv/dist/standalone/index.js');
    this.store.put(key, standalone.default(this.ajv, validate));
    return validate;
  }

  /** The schema with every part that holds a union cut out (checked by `walk`), once per schema. */
  private plan(schema: { [key: string]: unknown }): Plan {
    let plan = this.plans.get(schema);
    if (plan) return plan;
    const properties = new Map<string, JsonSchema>();
    const leaf: { [key: string]: unknown } = { ...schema };
    if (isObject(schema.properties)) {
      const kept: Record<string, JsonSchema> = {};
      for (const [name, child] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
        if (this.hasUnion(child)) {
          properties.set(name, child);
          kept[name] = true;
        } else {
          kept[name] = child;
        }
      }
      leaf.properties = kept;
    }
    let items: JsonSchema | undefined;
    if (schema.items !== undefined && this.hasUnion(schema.items as JsonSchema)) {
      items = schema.items as JsonSchema;
      leaf.items = true;
    }
    let additional: JsonSchema | undefined;
    if (typeof schema.additionalProperties === 'object' && this.hasUnion(schema.additionalProperties as JsonSchema)) {
      additional = schema.additionalProperties as JsonSchema;
      leaf.additionalProperties = true;
    }
    plan = { leaf, properties, items, additional, declared: new Set(Object.keys((schema.properties as object | undefined) ?? {})) };
    this.plans.set(schema, plan);
    return plan;
  }

  private hasUnion(schema: JsonSchema): boolean {
    if (typeof schema === 'boolean') return false;
    let known = this.unions.get(schema);
    if (known === undefined) {
      known =
        'anyOf' in schema ||
        'allOf' in schema ||
        Object.values((schema.properties as Record<string, JsonSchema> | undefined) ?? {}).some((child) => this.hasUnion(child)) ||
        (schema.items !== undefined && this.hasUnion(schema.items as JsonSchema)) ||
        (typeof schema.additionalProperties === 'object' && this.hasUnion(schema.additionalProperties as JsonSchema));
      this.unions.set(schema, known);
    }
    return known;
  }
}

interface Plan {
  /** What the validator checks: the schema less the parts below. */
  leaf: JsonSchema;
  /** Fields whose schema holds a union, walked one by one. */
  properties: Map<string, JsonSchema>;
  items?: JsonSchema;
  additional?: JsonSchema;
  declared: Set<string>;
}

// ---------------------------------------------------------------- unions

const JSON_TYPE: Record<string, (value: Json) => boolean> = {
  null: (v) => v === null,
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => Number.isInteger(v),
  array: (v) => Array.isArray(v),
  object: (v) => isObject(v),
};

function typesOf(schema: JsonSchema): string[] {
  if (typeof schema === 'boolean') return [];
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).flatMap(typesOf);
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  return isObject(schema.properties) ? ['object'] : [];
}

/** The branch's type allows the value (a branch with no type allows anything). */
function admitsType(schema: JsonSchema, value: Json): boolean {
  if (schema === false) return false;
  const types = typesOf(schema);
  return types.length === 0 || types.some((type) => JSON_TYPE[type]?.(value) ?? true);
}

/** Fields a branch pins to one value (`action_type: ["LOCK_DOOR"]`): how union branches are told apart. */
function tagValue(schema: JsonSchema, name: string): Json | undefined {
  if (typeof schema === 'boolean' || !isObject(schema.properties)) return undefined;
  const property = (schema.properties as Record<string, JsonSchema>)[name];
  if (typeof property !== 'object') return undefined;
  if ('const' in property) return property.const as Json;
  const values = (property.enum as Json[] | undefined)?.filter((v) => v !== null);
  return values?.length === 1 ? values[0] : undefined;
}

function tagsOf(schema: JsonSchema): string[] {
  if (typeof schema === 'boolean' || !isObject(schema.properties)) return [];
  return Object.keys(schema.properties).filter((name) => tagValue(schema, name) !== undefined);
}

/** The value's fields that contradict a tag of the branch. */
function mismatchedTags(schema: JsonSchema, value: Json): string[] {
  if (!isObject(value)) return [];
  return tagsOf(schema).filter((name) => name in value && value[name] !== tagValue(schema, name));
}

function sharedTags(branches: readonly JsonSchema[]): string[] {
  const [first, ...rest] = branches;
  return tagsOf(first).filter((name) => rest.every((branch) => tagsOf(branch).includes(name)));
}

/**
 * A field the closest branch lacks but another branch has is not misspelled: the union takes it,
 * just not with the fields beside it (`acs_credentials/list` filters by user, system, both, or
 * user identity). Said so.
 */
function combinations(best: JsonSchema, problems: SchemaProblem[], branches: readonly JsonSchema[], value: Json, path: string): SchemaProblem[] {
  if (!isObject(value)) return problems;
  const declared = (branch: JsonSchema) => new Set(typeof branch === 'object' && isObject(branch.properties) ? Object.keys(branch.properties) : []);
  return problems.map((problem) => {
    if (problem.keyword !== 'additionalProperties') return problem;
    const steps = stepsOf(problem.path);
    const name = steps[steps.length - 1];
    const taking = branches.filter((branch) => branch !== best && declared(branch).has(name)).map(declared);
    if (problem.path !== `${path}${pointer([name])}` || taking.length === 0) return problem;
    // The fields no branch that takes this one also takes.
    const beside = Object.keys(value).filter((key) => key !== name && taking.every((fields) => !fields.has(key)));
    const others = beside.length > 0 ? ` together with ${beside.map((key) => `\`${key}\``).join(', ')}` : ' here';
    return { ...problem, message: `\`${name}\` cannot be passed${others}: the API takes these fields only in other combinations` };
  });
}

// ---------------------------------------------------------------- messages

/** Ajv's errors for one value at `base`, as problems; `missing` collects required fields missing per path. */
function explain(errors: readonly ErrorObject[], root: Json, base: string, missing: Map<string, string[]>): SchemaProblem[] {
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const missingHere = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword === 'required') {
      const name = (error.params as { missingProperty: string }).missingProperty;
      missingHere.set(error.instancePath, [...(missingHere.get(error.instancePath) ?? []), name]);
      missing.set(base + error.instancePath, [...(missing.get(base + error.instancePath) ?? []), name]);
    }
  }
  // A misspelt field (`display_nme`) is one defect: not also the required field it was meant to be.
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const declared = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
    const near = nearest((error.params as { additionalProperty: string }).additionalProperty, declared);
    const names = missingHere.get(error.instancePath);
    if (near && names?.includes(near)) {
      const rest = names.filter((name) => name !== near);
      if (rest.length > 0) missingHere.set(error.instancePath, rest);
      else missingHere.delete(error.instancePath);
    }
  }
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    const path = base + error.instancePath;
    // A value of the wrong type is one defect, not also one of its format, enum or length.
    if (error.keyword !== 'type' && wrongType.has(error.instancePath) && error.keyword !== 'additionalProperties') continue;
    switch (error.keyword) {
      case 'required':
        break;
      case 'additionalProperties': {
        const name = (error.params as { additionalProperty: string }).additionalProperty;
        const declared = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
        problems.push({ path: `${path}${pointer([name])}`, at: 'key', keyword: error.keyword, message: undeclared(name, path, declared, missing) });
        break;
      }
      case 'type':
        problems.push({ path, at: 'value', keyword: 'type', message: `expected ${expectedType(error)}, found ${describe(error.data as Json)}` });
        break;
      case 'enum':
      case 'const': {
        const allowed = error.keyword === 'const' ? [(error.params as { allowedValue: Json }).allowedValue] : (error.params as { allowedValues: Json[] }).allowedValues;
        problems.push({ path, at: 'value', keyword: error.keyword, message: `${show(error.data as Json)} is not ${oneOf(allowed.filter((v) => v !== null))}` });
        break;
      }
      case 'format':
        problems.push({ path, at: 'value', keyword: 'format', message: `${show(error.data as Json)} is not a valid ${(error.params as { format: string }).format}` });
        break;
      default:
        problems.push({ path, at: 'value', keyword: error.keyword, message: `${show(error.data as Json)}: ${error.message ?? 'does not match the schema'}` });
    }
  }
  for (const [at, names] of missingHere) {
    const list = names.map((name) => `\`${name}\``).join(', ');
    problems.push({
      path: base + at,
      at: 'value',
      keyword: 'required',
      message: `${describe(valueAt(root, at))} misses the required field${names.length > 1 ? 's' : ''} ${list}`,
    });
  }
  return problems;
}

/** An undeclared field: a near spelling the schema has, or the ancestor it belongs to. */
function undeclared(name: string, parent: string, declared: readonly string[], missing: ReadonlyMap<string, string[]>): string {
  const base = `\`${name}\` is not a field the API has here`;
  const near = nearest(name, declared);
  if (near) return `${base}: did you mean \`${near}\`?`;
  for (let at = parent; at !== ''; ) {
    at = at.slice(0, at.lastIndexOf('/'));
    if (missing.get(at)?.includes(name)) return `${base}: it belongs to ${displayPath(at)}, which misses it`;
  }
  return declared.length > 0 && declared.length <= 12 ? `${base} (it has ${declared.map((d) => `\`${d}\``).join(', ')})` : base;
}

/** A declared name within two edits of `name` (a misspelling), if exactly one is that close. */
function nearest(name: string, declared: readonly string[]): string | undefined {
  const close = declared.filter((candidate) => distance(name, candidate) <= Math.min(2, Math.floor(candidate.length / 4)));
  return close.length === 1 ? close[0] : undefined;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function expectedType(error: ErrorObject): string {
  const type = (error.params as { type: string | string[] }).type;
  return sayTypes(Array.isArray(type) ? type : String(type).split(','));
}

/** `a string or null`, `an object or a list`. */
function sayTypes(types: readonly string[]): string {
  const words = types
    .filter((t) => t !== 'null')
    .map((t) => ({ object: 'an object', array: 'a list', integer: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean' })[t] ?? t);
  return [...new Set([...words, ...(types.includes('null') ? ['null'] : [])])].join(' or ');
}

function oneOf(values: readonly Json[]): string {
  const shown = values.slice(0, 8).map((v) => show(v));
  if (values.length > 8) shown.push(`… (${values.length} in all)`);
  return values.length === 1 ? shown[0] : `one of ${shown.join(', ')}`;
}

/** `the string "true,"`, `a list of 2`, `an object`: what a value is, for messages. */
function describe(value: Json | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'the object';
  return `the ${typeof value} ${show(value)}`;
}

function isObject(value: unknown): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(root: Json, path: string): Json | undefined {
  let value: Json | undefined = root;
  for (const step of stepsOf(path)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Array.isArray(value) ? value[Number(step)] : value[step];
  }
  return value;
}
