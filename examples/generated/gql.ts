/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ArticlePage($slug: String!) {\n  article(slug: $slug) {\n    title\n    url\n    toc(maxDepth: 3) {\n      level\n      text\n      anchor\n    }\n    previous {\n      title\n      url\n    }\n    next {\n      title\n      url\n    }\n    related(first: 5) {\n      score\n      article {\n        title\n        url\n      }\n      sharedTags {\n        name\n      }\n      sharedCategories {\n        name\n      }\n    }\n  }\n}": typeof types.ArticlePageDocument,
    "query ArticleWithSections($slug: String!) {\n  article(slug: $slug) {\n    slug\n    title\n    date\n    author {\n      name\n    }\n    categories {\n      slug\n      name\n    }\n    sections {\n      index\n      heading\n      anchor\n      wordCount\n    }\n  }\n}": typeof types.ArticleWithSectionsDocument,
    "query CategoryArticles($slug: String!, $first: Int!, $after: String) {\n  category(slug: $slug) {\n    name\n    slug\n    articles(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        slug\n        title\n        date\n      }\n    }\n  }\n}": typeof types.CategoryArticlesDocument,
};
const documents: Documents = {
    "query ArticlePage($slug: String!) {\n  article(slug: $slug) {\n    title\n    url\n    toc(maxDepth: 3) {\n      level\n      text\n      anchor\n    }\n    previous {\n      title\n      url\n    }\n    next {\n      title\n      url\n    }\n    related(first: 5) {\n      score\n      article {\n        title\n        url\n      }\n      sharedTags {\n        name\n      }\n      sharedCategories {\n        name\n      }\n    }\n  }\n}": types.ArticlePageDocument,
    "query ArticleWithSections($slug: String!) {\n  article(slug: $slug) {\n    slug\n    title\n    date\n    author {\n      name\n    }\n    categories {\n      slug\n      name\n    }\n    sections {\n      index\n      heading\n      anchor\n      wordCount\n    }\n  }\n}": types.ArticleWithSectionsDocument,
    "query CategoryArticles($slug: String!, $first: Int!, $after: String) {\n  category(slug: $slug) {\n    name\n    slug\n    articles(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        slug\n        title\n        date\n      }\n    }\n  }\n}": types.CategoryArticlesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ArticlePage($slug: String!) {\n  article(slug: $slug) {\n    title\n    url\n    toc(maxDepth: 3) {\n      level\n      text\n      anchor\n    }\n    previous {\n      title\n      url\n    }\n    next {\n      title\n      url\n    }\n    related(first: 5) {\n      score\n      article {\n        title\n        url\n      }\n      sharedTags {\n        name\n      }\n      sharedCategories {\n        name\n      }\n    }\n  }\n}"): (typeof documents)["query ArticlePage($slug: String!) {\n  article(slug: $slug) {\n    title\n    url\n    toc(maxDepth: 3) {\n      level\n      text\n      anchor\n    }\n    previous {\n      title\n      url\n    }\n    next {\n      title\n      url\n    }\n    related(first: 5) {\n      score\n      article {\n        title\n        url\n      }\n      sharedTags {\n        name\n      }\n      sharedCategories {\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ArticleWithSections($slug: String!) {\n  article(slug: $slug) {\n    slug\n    title\n    date\n    author {\n      name\n    }\n    categories {\n      slug\n      name\n    }\n    sections {\n      index\n      heading\n      anchor\n      wordCount\n    }\n  }\n}"): (typeof documents)["query ArticleWithSections($slug: String!) {\n  article(slug: $slug) {\n    slug\n    title\n    date\n    author {\n      name\n    }\n    categories {\n      slug\n      name\n    }\n    sections {\n      index\n      heading\n      anchor\n      wordCount\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CategoryArticles($slug: String!, $first: Int!, $after: String) {\n  category(slug: $slug) {\n    name\n    slug\n    articles(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        slug\n        title\n        date\n      }\n    }\n  }\n}"): (typeof documents)["query CategoryArticles($slug: String!, $first: Int!, $after: String) {\n  category(slug: $slug) {\n    name\n    slug\n    articles(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        slug\n        title\n        date\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;