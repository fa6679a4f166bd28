import { Composer, Parser, isMap, isScalar, visit, type CST, type Document } from 'yaml';
import { exceedsDepth, jsChildren } from './nesting';
import { parseSimpleYaml } from './simple-yaml';

/**
 * Aliases are almost never used in front matter; this is yaml's own default, set explicitly because it is the
 * only thing standing between a "billion laughs" and an out-of-memory crash.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * The YAML 1.2 core schema. YAML 1.1 (and js-yaml, which Hexo uses) turns `date: 2021-03-22 04:50:45` into a
 * UTC instant, which Hexo then shifts into the site's zone. Keeping such values as text lets `normaliseMeta`
 * read them in the configured zone in one step, and no other 1.1 rule (`yes`/`no` booleans, sexagesimal
 * numbers) is something Hexo users rely on, since js-yaml does not apply them either.
 */
const COMPOSE_OPTIONS = { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false } as const;

/** Keys whose values are names: a number there is kept as written (`1.10` stays `1.10`, not `1.1`). */
export const TEXT_KEYS: ReadonlySet<string> = new Set(['title', 'author', 'categories', 'category', 'tags', 'tag']);

export interface YamlProblem {
  message: string;
  /** Offset into the parsed text, when yaml knows it. */
  offset?: number;
}

export type YamlOutcome =
  | { ok: true; value: unknown; warnings: YamlProblem[] }
  | ({ ok: false; reason: 'syntax' | 'documents' | 'depth' | 'aliases' } & YamlProblem);

/**
 * Parses one YAML document within bounds. Front matter of the usual simple shape takes a fast path with the
 * same result (`parseSimpleYaml`); everything else gets the full reader. Nesting is measured on the concrete
 * syntax tree first, because yaml's composer recurses per level and runs out of memory on tens of thousands of
 * `[`; it is measured again on the result, where aliases may have added levels (or a cycle).
 */
export function parseBoundedYaml(text: string, maxDepth: number): YamlOutcome {
  // The simple shape is at most a mapping of lists: two levels.
  const simple = maxDepth >= 2 ? parseSimpleYaml(text, TEXT_KEYS) : null;
  if (simple !== null) return { ok: true, value: simple, warnings: [] };
  return parseFullYaml(text, maxDepth);
}

/** YAML's own reader within the same bounds, whatever the shape. */
export function parseFullYaml(text: string, maxDepth: number): YamlOutcome {
  const tokens = Array.from(new Parser().parse(text));
  const roots = tokens.flatMap((token) => (token.type === 'document' && token.value ? [token.value] : []));
  if (roots.some((root) => exceedsDepth(root, cstChildren, maxDepth))) return tooDeep(maxDepth);

  const documents = Array.from(new Composer(COMPOSE_OPTIONS).compose(tokens, true, text.length));
  if (documents.length !== 1) {
    return { ok: false, reason: 'documents', message: `expected one YAML document, found ${documents.length}` };
  }
  const [document] = documents as [Document.Parsed];
  const firstError = document.errors.at(0);
  if (firstError) return { ok: false, reason: 'syntax', message: firstError.message, offset: firstError.pos[0] };

  keepTextKeysAsWritten(document);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, reason: /alias count/i.test(message) ? 'aliases' : 'syntax', message };
  }
  if (exceedsDepth(value, jsChildren, maxDepth)) return tooDeep(maxDepth);
  const warnings = document.warnings.map((warning) => ({ message: warning.message, offset: warning.pos[0] }));
  return { ok: true, value, warnings };
}

function tooDeep(maxDepth: number): YamlOutcome {
  return { ok: false, reason: 'depth', message: `nested deeper than ${maxDepth} levels (aliases counted as expanded)` };
}

function cstChildren(token: CST.Token): readonly CST.Token[] | null {
  if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') return null;
  const items: CST.CollectionItem[] = token.items;
  return items.flatMap((item) => [item.key, item.value].filter((child): child is CST.Token => !!child));
}

function keepTextKeysAsWritten(document: Document.Parsed): void {
  if (!isMap(document.contents)) return;
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key) || !TEXT_KEYS.has(String(pair.key.value)) || !pair.value) continue;
    visit(pair.value, {
      Scalar(_, scalar) {
        const isNonTextValue = scalar.value !== null && typeof scalar.value !== 'string';
        if (isNonTextValue && typeof scalar.source === 'string') scalar.value = scalar.source;
      },
    });
  }
}
