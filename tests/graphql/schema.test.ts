import { readFileSync } from 'node:fs';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isIntrospectionType,
  type GraphQLNamedType,
  type GraphQLType,
} from 'graphql';
import { gatewaySchema, printGatewaySchema } from '../../src/graphql/schema';

const SCHEMA_FILE = 'schema/schema.graphql';
const namedType = (type: GraphQLType): string => getNamedType(type).name;

describe('schema', () => {
  it('matches the committed schema/schema.graphql', async () => {
    const printed = await printGatewaySchema();
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (printed !== committed) {
      throw new Error(`${SCHEMA_FILE} is stale: the schema in code changed. Run \`npm run schema\` and commit the result.`);
    }
  });

  it('describes every type, field, argument and enum value', async () => {
    const schema = await gatewaySchema();
    const missing: string[] = [];
    const own = Object.values(schema.getTypeMap()).filter(
      (type: GraphQLNamedType) => !isIntrospectionType(type) && !isSpecifiedScalarType(type),
    );
    for (const type of own) {
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('uses no Float anywhere but the search and related-article scores', async () => {
    const schema = await gatewaySchema();
    const floats: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        if (namedType(field.type) === 'Float') floats.push(`${type.name}.${field.name}`);
        if (!('args' in field)) continue;
        for (const arg of field.args) if (namedType(arg.type) === 'Float') floats.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    expect(floats).toEqual(['RelatedArticle.score', 'SearchHit.score']);
  });

  it('keeps the names client code depends on', async () => {
    const schema = await gatewaySchema();
    const fields = (name: string) => {
      const type = schema.getType(name);
      if (!type || !(isObjectType(type) || isInterfaceType(type))) throw new Error(`missing type ${name}`);
      return Object.keys(type.getFields());
    };
    expect(fields('Query')).toEqual(
      expect.arrayContaining([
        'node',
        'nodes',
        'article',
        'articles',
        'category',
        'categories',
        'author',
        'authors',
        'tag',
        'tags',
        'contentStatus',
      ]),
    );
    expect(fields('Article')).toEqual(
      expect.arrayContaining([
        'id',
        'slug',
        'path',
        'title',
        'date',
        'updated',
        'author',
        'categories',
        'tags',
        'headImage',
        'thumbnail',
        'comments',
        'language',
        'excerpt',
        'html',
        'text',
        'lead',
        'sections',
        'section',
        'wordCount',
        'characterCount',
        'readingTimeMinutes',
        'images',
        'frontMatter',
      ]),
    );
    expect(fields('Section')).toEqual(expect.arrayContaining(['id', 'index', 'heading', 'anchor', 'html', 'text', 'wordCount', 'article']));
    expect(fields('Category')).toEqual(
      expect.arrayContaining(['id', 'name', 'slug', 'parent', 'children', 'ancestors', 'articleCount', 'articles']),
    );
    for (const name of ['Author', 'Tag'])
      expect(fields(name)).toEqual(expect.arrayContaining(['id', 'name', 'slug', 'articleCount', 'articles']));
    expect(fields('ArticleConnection')).toEqual(['edges', 'nodes', 'pageInfo', 'totalCount']);
    expect(fields('PageInfo')).toEqual(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']);
    for (const name of ['Article', 'Section', 'Category', 'Author', 'Tag']) {
      const type = schema.getType(name);
      if (!isObjectType(type)) throw new Error(`missing type ${name}`);
      expect(type.getInterfaces().map((node) => node.name)).toEqual(['Node']);
    }
    const argsOf = (type: string, field: string) => {
      const found = schema.getType(type);
      if (!found || !isObjectType(found)) throw new Error(`missing type ${type}`);
      return found.getFields()[field].args.map((arg) => `${arg.name}: ${arg.type.toString()}`);
    };
    const articleArgs = argsOf('Query', 'articles');
    expect(articleArgs).toEqual([
      'filter: ArticleFilter',
      'orderBy: ArticleOrder',
      'first: Int',
      'after: String',
      'last: Int',
      'before: String',
    ]);
    for (const type of ['Category', 'Author', 'Tag']) expect(argsOf(type, 'articles')).toEqual(articleArgs);
    expect(isScalarType(schema.getType('DateTimeISO'))).toBe(true);
  });
});
