import { z } from 'zod';
import { describeIssue } from './describe-issue';

/**
 * A page state's zod schema is its property table, in the manner of TensorFlow Playground's hash
 * state: each leaf is one row (a dotted path), with its type and range from the schema and its
 * label, slider step and narrower slider range from `.meta()`. The one table validates a link,
 * reads a link's `key=value` pairs (a missing key keeps its default), writes them back (every
 * row, so a link keeps its meaning when a later build changes a default), gives each slider its
 * label and range, and gives the command line its flags. Nothing is listed twice.
 */
export interface PropertyMeta {
  label?: string;
  step?: number;
  /** The slider's range when the page offers less than the schema accepts. */
  slider?: { min?: number; max?: number; step?: number };
  hint?: string;
}

export interface Property extends PropertyMeta {
  path: string;
  /** `json`: a row whose value is an object, a union of objects or a list of objects, written as JSON. */
  kind: 'number' | 'integer' | 'enum' | 'list' | 'text' | 'json';
  nullable: boolean;
  min?: number;
  max?: number;
  options?: string[];
  /** For lists: the items' kind. */
  item?: 'number' | 'integer' | 'text';
}

type Json = Record<string, unknown> & { type?: string; properties?: Record<string, Json>; anyOf?: Json[]; oneOf?: Json[]; items?: Json; enum?: string[] };

const isStructured = (n: Json | undefined) => !!n && (n.type === 'object' || !!n.oneOf || !!n.anyOf);

function rows(node: Json, path: string, out: Property[]) {
  if (node.type === 'object' && node.properties) {
    for (const [k, child] of Object.entries(node.properties)) rows(child, path ? `${path}.${k}` : k, out);
    return;
  }
  const inner = node.anyOf?.find((n) => n.type !== 'null') ?? node;
  const nullable = !!node.anyOf?.some((n) => n.type === 'null');
  const meta: PropertyMeta = { label: node.label as string | undefined, step: node.step as number | undefined, slider: node.slider as PropertyMeta['slider'], hint: node.hint as string | undefined };
  const base = { path, nullable, ...Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) };
  const num = (n: Json) => ({ min: n.minimum as number | undefined, max: n.maximum as number | undefined });
  if (isStructured(inner) || (inner.type === 'array' && isStructured(inner.items))) out.push({ ...base, kind: 'json' });
  else if (inner.enum) out.push({ ...base, kind: 'enum', options: inner.enum });
  else if (inner.type === 'number' || inner.type === 'integer') out.push({ ...base, kind: inner.type, ...num(inner) });
  else if (inner.type === 'array') {
    const t = inner.items?.type;
    out.push({ ...base, kind: 'list', item: t === 'number' || t === 'integer' ? t : 'text', min: inner.minItems as number | undefined, max: inner.maxItems as number | undefined });
  } else out.push({ ...base, kind: 'text' });
}

const tables = new WeakMap<z.ZodType, Property[]>();

/** The rows of a state schema, in schema order. */
export function propertyTable(schema: z.ZodType): Property[] {
  let t = tables.get(schema);
  if (!t) {
    t = [];
    rows(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json, '', t);
    tables.set(schema, t);
  }
  return t;
}

export function propertyOf(schema: z.ZodType, path: string): Property {
  const p = propertyTable(schema).find((r) => r.path === path);
  if (!p) throw new Error(`no setting "${path}"`);
  return p;
}

/** A slider's label, range and step for a numeric row. */
export function sliderOf(schema: z.ZodType, path: string): { label: string; min: number; max: number; step: number; hint?: string } {
  const p = propertyOf(schema, path);
  if (p.kind !== 'number' && p.kind !== 'integer') throw new Error(`"${path}" is not a numeric setting`);
  const min = p.slider?.min ?? p.min, max = p.slider?.max ?? p.max, step = p.slider?.step ?? p.step ?? (p.kind === 'integer' ? 1 : undefined);
  if (min === undefined || max === undefined || step === undefined || !p.label) throw new Error(`"${path}" lacks a label, range or step`);
  return { label: p.label, min, max, step, ...(p.hint ? { hint: p.hint } : {}) };
}

const scalar = (kind: 'number' | 'integer' | 'text' | 'enum', text: string): unknown =>
  kind === 'number' || kind === 'integer' ? (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text) : text;

/** A link's (or a flag's) text for one row, as a value; the schema then checks it. */
export function parseValue(p: Property, text: string): unknown {
  if (p.nullable && (text === 'null' || text === '')) return null;
  if (p.kind === 'list') return text === '' ? [] : text.split(',').map((t) => scalar(p.item ?? 'text', t));
  if (p.kind === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text; // the schema then refuses it in words
    }
  }
  return scalar(p.kind, text);
}

export const formatValue = (p: Property, value: unknown): string =>
  value === null ? 'null' : p.kind === 'json' ? JSON.stringify(value) : p.kind === 'list' ? (value as unknown[]).join(',') : String(value);

const getPath = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

function setPath(o: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = o;
  for (const k of keys.slice(0, -1)) node = (node[k] && typeof node[k] === 'object' ? node[k] : (node[k] = {})) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Reads `key=value` pairs over the defaults; unknown keys and invalid values are refused in words. */
export function readTable<T>(schema: z.ZodType<T>, defaults: T, params: Iterable<[string, string]>, skip: string[] = []): ReadResult<T> {
  const table = propertyTable(schema);
  const value = structuredClone(defaults) as Record<string, unknown>;
  const unknown: string[] = [];
  for (const [key, text] of params) {
    if (skip.includes(key)) continue;
    const p = table.find((r) => r.path === key);
    if (!p) unknown.push(key);
    else setPath(value, key, parseValue(p, text));
  }
  if (unknown.length) return { ok: false, error: `the link has an invalid setting: unknown setting${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 3).join(', ')}` };
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, error: `the link has an invalid setting: ${describeIssue(parsed.error.issues[0], value)}` };
  return { ok: true, value: parsed.data };
}

/** Every row as a `key=value` pair, in table order. */
export const writeTable = <T>(schema: z.ZodType<T>, value: T): [string, string][] => propertyTable(schema).map((p) => [p.path, formatValue(p, getPath(value, p.path))]);

/** Command-line flags for a flat schema: `maxRank` becomes `--max-rank`, every flag takes a string. */
export const flagName = (path: string) => path.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/\./g, '-');

export function cliOptions(schema: z.ZodType): Record<string, { type: 'string' }> {
  return Object.fromEntries(propertyTable(schema).map((p) => [flagName(p.path), { type: 'string' as const }]));
}

/** The flags given (strings) as an object of the schema's shape; absent flags are left out for the schema's defaults. */
export function fromFlags(schema: z.ZodType, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of propertyTable(schema)) {
    const text = values[flagName(p.path)];
    if (typeof text === 'string') setPath(out, p.path, parseValue(p, text));
  }
  return out;
}

/** One usage line per flag, from the table: `--eta 0.85  (0 < x <= 1)`. */
export function flagUsage(schema: z.ZodType, defaults: Record<string, unknown>): string {
  return propertyTable(schema)
    .map((p) => {
      const range = p.options ? p.options.join('|') : p.kind === 'list' ? `comma list of ${p.item}` : p.min !== undefined || p.max !== undefined ? `${p.kind} ${p.min ?? ''}..${p.max ?? ''}` : p.kind;
      return `[--${flagName(p.path)} ${formatValue(p, getPath(defaults, p.path))} (${range}${p.nullable ? ' or null' : ''})]`;
    })
    .join(' ');
}
