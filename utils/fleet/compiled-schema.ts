import type { GenericSchema } from 'valibot';

/** What a compiled check returns for a value the schema refuses. */
export const REFUSED: unique symbol = Symbol('refused');
type Check = (value: unknown) => unknown;
/** A valibot schema, action or pipe as its objects expose them. */
interface Node {
  kind: string;
  type: string;
  '~run': (dataset: { value: unknown; typed?: boolean; issues?: unknown[] }, config: object) => { value: unknown; typed?: boolean; issues?: unknown[] };
  pipe?: Node[];
  entries?: Record<string, Node>;
  item?: Node;
  wrapped?: Node;
  options?: unknown[];
  literal?: unknown;
  requirement?: unknown;
  default?: unknown;
  fallback?: unknown;
}

const CONFIG = { abortEarly: true };

/**
 * A valibot schema turned into plain closures that only answer "the output, or
 * REFUSED": no dataset, issue or path objects per value. A collector validating
 * thousands of reports a second spends most of its time there otherwise (about
 * 10 µs per service of a report). Valibot stays the authority: callers run
 * `safeParse` on a refused value to get the reason, and the compiled check is
 * tested against `safeParse` on thousands of altered reports (compiled-schema.test.ts).
 * Nodes are compiled from their own fields (entries, options, requirement) with
 * valibot's semantics; a node type not listed here runs through valibot's own
 * `~run`, so an unknown schema is slower, never wrong.
 */
export function compileSchema(schema: GenericSchema): Check {
  return compile(schema as unknown as Node);
}

function compile(node: Node): Check {
  if (node.pipe) return compilePipe(node.pipe);
  if (node.default !== undefined || node.fallback !== undefined) return viaValibot(node);
  switch (node.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : REFUSED);
    case 'number':
      return (value) => (typeof value === 'number' && !Number.isNaN(value) ? value : REFUSED);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : REFUSED);
    case 'literal': {
      const literal = node.literal;
      // SameValueZero, as valibot compares literals.
      return (value) => (value === literal || (value !== value && literal !== literal) ? value : REFUSED);
    }
    // A node without the field its type needs is not one this compiler knows: valibot runs it.
    case 'picklist': {
      const options = node.options;
      if (!options) return viaValibot(node);
      return (value) => (options.includes(value) ? value : REFUSED);
    }
    case 'optional': {
      if (!node.wrapped) return viaValibot(node);
      const wrapped = compile(node.wrapped);
      return (value) => (value === undefined ? undefined : wrapped(value));
    }
    case 'nullable': {
      if (!node.wrapped) return viaValibot(node);
      const wrapped = compile(node.wrapped);
      return (value) => (value === null ? null : wrapped(value));
    }
    case 'array': {
      if (!node.item) return viaValibot(node);
      const item = compile(node.item);
      return (value) => {
        if (!Array.isArray(value)) return REFUSED;
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) if ((out[i] = item(value[i])) === REFUSED) return REFUSED;
        return out;
      };
    }
    case 'object':
    case 'strict_object':
      return node.entries ? compileObject(node, node.entries) : viaValibot(node);
    default:
      return viaValibot(node);
  }
}

/** `object` keeps only its entries (unknown keys dropped); `strict_object` refuses unknown keys. */
function compileObject(node: Node, shape: Record<string, Node>): Check {
  const entries = Object.entries(shape);
  if (entries.some(([, e]) => e.default !== undefined || e.fallback !== undefined)) return viaValibot(node);
  const fields = entries.map(([key, e]) => ({ key, check: compile(e), optional: e.type === 'optional' || e.type === 'exact_optional' || e.type === 'nullish' }));
  const strict = node.type === 'strict_object';
  const known = new Set(entries.map(([key]) => key));
  return (value) => {
    if (!value || typeof value !== 'object') return REFUSED;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const { key, check, optional } of fields) {
      // `in`, as valibot: a key present with the value undefined is kept as undefined.
      if (key in input) {
        const v = check(input[key]);
        if (v === REFUSED) return REFUSED;
        out[key] = v;
      } else if (!optional) return REFUSED;
    }
    if (strict) for (const key in input) if (!known.has(key)) return REFUSED;
    return out;
  };
}

/** A schema followed by validations and transformations, each on the previous one's output. */
function compilePipe(pipe: Node[]): Check {
  // The first item is the schema the pipe was built on; a later schema item (a nested pipe) checks the value so far.
  const steps = pipe.filter((item) => item.kind !== 'metadata').map((item) => (item.kind === 'schema' ? compile(item) : compileAction(item)));
  const run: Check = (value) => {
    let current = value;
    for (const step of steps) if ((current = step(current)) === REFUSED) return REFUSED;
    return current;
  };
  return pipe[0]?.type === 'string' ? remembered(run) : run;
}

/** Strings longer than this are checked every time (a memo must not hold large posted values). */
const MEMO_MAX_LENGTH = 300;
/** Entries per string pipe before its memo starts over: at most ~600 kB of remembered text per pipe. */
const MEMO_MAX_ENTRIES = 2048;

/**
 * A string pipe's answer remembered per input string. Its steps (regexes, `new URL`,
 * trim) depend on the string alone, so the answer is the same each time; and most of
 * a report's strings repeat across a fleet's reports (service names, the catalog's
 * usage figures with their sources and URLs), where checking them again cost more than
 * the rest of the validation (docs/collector.md, "Throughput over HTTP").
 */
function remembered(check: Check): Check {
  let memo = new Map<string, unknown>();
  return (value) => {
    if (typeof value !== 'string' || value.length > MEMO_MAX_LENGTH) return check(value);
    let answer = memo.get(value);
    if (answer === undefined) {
      answer = check(value);
      if (memo.size >= MEMO_MAX_ENTRIES) memo = new Map();
      memo.set(value, answer);
    }
    return answer;
  };
}

function compileAction(action: Node): Check {
  const r = action.requirement;
  switch (action.type) {
    case 'regex':
    case 'iso_timestamp':
      return (value) => ((r as RegExp).test(value as string) ? value : REFUSED);
    case 'check':
    case 'integer':
      return (value) => ((r as (v: unknown) => boolean)(value) ? value : REFUSED);
    case 'max_length':
      return (value) => ((value as string).length <= (r as number) ? value : REFUSED);
    case 'min_length':
      return (value) => ((value as string).length >= (r as number) ? value : REFUSED);
    case 'min_value':
      return (value) => ((value as number) >= (r as number) ? value : REFUSED);
    case 'max_value':
      return (value) => ((value as number) <= (r as number) ? value : REFUSED);
    case 'trim':
      return (value) => (value as string).trim();
    default:
      return (value) => {
        const out = action['~run']({ value, typed: true }, CONFIG);
        return out.issues ? REFUSED : out.value;
      };
  }
}

/** Any other node: valibot's own run, one value at a time. */
function viaValibot(node: Node): Check {
  return (value) => {
    const out = node['~run']({ value }, CONFIG);
    return out.issues || !out.typed ? REFUSED : out.value;
  };
}
