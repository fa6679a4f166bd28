import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Article } from '../content/model';
import { DEEPEST_HEADING_LEVEL, tableOfContents, type TocNode } from '../content/toc';
import { ArticleType } from './article.type';
import { badUserInput } from './errors';
import { TocEntryType } from './toc-entry.type';
import { ListSize } from './list-size';

@Resolver(() => ArticleType)
export class ArticleTocResolver {
  @ListSize(10)
  @FieldResolver(() => [TocEntryType], { description: 'Table of contents: every heading `h1`-`h6` of the body, nested by level.' })
  toc(
    @Root() article: Article,
    @Arg('maxDepth', () => Int, {
      nullable: true,
      description: `Deepest heading level listed, 1 to ${DEEPEST_HEADING_LEVEL} (\`h1\` to \`h${DEEPEST_HEADING_LEVEL}\`); all when not given.`,
    })
    maxDepth: number | null,
  ): TocNode[] {
    if (maxDepth != null && (maxDepth < 1 || maxDepth > DEEPEST_HEADING_LEVEL)) {
      throw badUserInput(`\`maxDepth\` must be between 1 and ${DEEPEST_HEADING_LEVEL} (got ${maxDepth}).`);
    }
    return tableOfContents(article.body.headings, maxDepth ?? undefined);
  }
}
