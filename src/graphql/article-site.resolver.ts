import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Article } from '../content/model';
import { ArticleType } from './article.type';
import type { GatewayContext } from './context';
import { DEFAULT_PERMALINK } from '../content/links';

/** An article's place on the site: its address, and whether only a preview shows it. */
@Resolver(() => ArticleType)
export class ArticleSiteResolver {
  @FieldResolver(() => String, {
    description: `Absolute URL of the article's page: the front-matter \`permalink\` when given, else the site's permalink pattern (Hexo's tokens, \`${DEFAULT_PERMALINK}\` unless configured) below the site URL.`,
  })
  url(@Root() article: Article, @Ctx() { settings }: GatewayContext): string {
    return settings.links.article(article);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether this is a draft (under `_drafts/` or `published: false`), served only by a preview started with `--drafts`.',
  })
  draft(@Root() article: Article): boolean {
    return article.draft;
  }
}
