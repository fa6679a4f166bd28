/**
 * What every resolver receives. The snapshot is pinned once when the request starts, so
 * one request sees one version of the content even if a reload happens meanwhile.
 */
import type { SiteLinks } from '../content/links';
import type { ContentSnapshot } from '../content/model';
import { DEFAULT_CONTENT_OPTIONS } from '../content/options';
import { Deadline } from './deadline';
import { createLoaders, type ContentLoaders } from './loaders';
import { SurrogateKeys } from './surrogate-keys';

/** Where the served content comes from; `ContentStore` is one. */
export interface ContentSource {
  current(): ContentSnapshot;
}

export interface GraphQLSettings {
  /** Page size when a query gives neither `first` nor `last`. */
  defaultPageSize: number;
  /** Largest `first`, `last` and `nodes(ids)` accepted. */
  maxPageSize: number;
  /** Characters in `Article.excerpt` when no length is asked for. */
  excerptLength: number;
  /** IANA zone whose calendar `archive` groups dates by: the content's own. */
  timeZone: string;
  /** The `url` fields. */
  links: SiteLinks;
  /** Collect the surrogate keys of each answer a CDN may keep. */
  surrogateKeys: boolean;
}

export const DEFAULT_GRAPHQL_SETTINGS: Omit<GraphQLSettings, 'links'> = {
  defaultPageSize: 20,
  maxPageSize: 100,
  excerptLength: DEFAULT_CONTENT_OPTIONS.excerptLength,
  timeZone: DEFAULT_CONTENT_OPTIONS.timeZone,
  surrogateKeys: false,
};

export interface GatewayContext {
  snapshot: ContentSnapshot;
  loaders: ContentLoaders;
  settings: GraphQLSettings;
  /** Without a limit until the server starts it. */
  deadline: Deadline;
  /** What the answer is made of, when the settings ask for it. */
  surrogateKeys?: SurrogateKeys;
}

/**
 * `keepable`: whether a cache may keep the answer (the HTTP side knows: only a GET's, with the
 * response cache on). Keys are collected only then, since no other answer sends them.
 */
export function createRequestContext(source: ContentSource, settings: GraphQLSettings, keepable: boolean): GatewayContext {
  const snapshot = source.current();
  const deadline = new Deadline();
  const context: GatewayContext = { snapshot, loaders: createLoaders(snapshot, deadline), settings, deadline };
  if (settings.surrogateKeys && keepable) context.surrogateKeys = new SurrogateKeys();
  return context;
}
