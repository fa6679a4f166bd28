import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { htmlToText, makeExcerpt, MAX_EXCERPT_LENGTH } from '../content/body';
import type { Article, Author, Category, Tag } from '../content/model';
import type { ImageRef, LeadData } from '../content/parsed-post';
import { DEFAULT_CONTENT_OPTIONS, UPDATED_CHOICES, UPDATED_OPTIONS } from '../content/options';
import { ArticleArgs } from './article.args';
import { fromBody } from './body';
import { ArticleLookupArgs } from './article-lookup.args';
import { articleConnection } from './article-connection';
import { ArticleConnectionType } from './article-connection.type';
import { ArticleType } from './article.type';
import { AuthorType } from './author.type';
import { CategoryType } from './category.type';
import type { GatewayContext } from './context';
import { badUserInput } from './errors';
import { fromGlobalId, toGlobalId } from './global-id';
import { ImageType } from './image.type';
import { LeadType } from './lead.type';
import { sectionsOf, type SectionValue } from './section.value';
import { SectionType } from './section.type';
import { TagType } from './tag.type';
import { ListSize } from './list-size';

const UPDATED_FALLBACKS = UPDATED_CHOICES.map((choice) => `\`${choice}\`: ${UPDATED_OPTIONS[choice]}`).join('; ');
const UPDATED_DESCRIPTION =
  "Last update: `updated` from the front matter; when it has none (or not a date), what the server's `--updated-option` " +
  `(Hexo's \`updated_option\`) says: ${UPDATED_FALLBACKS} (default \`${DEFAULT_CONTENT_OPTIONS.updatedOption}\`).`;

@Resolver(() => ArticleType)
export class ArticleResolver {
  @Query(() => ArticleType, { nullable: true, description: 'One article by slug or by global id (give exactly one); null when unknown.' })
  async article(
    @Ctx() { loaders }: GatewayContext,
    @Args(() => ArticleLookupArgs) { slug, id }: ArticleLookupArgs,
  ): Promise<Article | null> {
    if (slug != null && id == null) return loaders.articles.load(slug);
    if (slug != null || id == null) throw badUserInput('Give exactly one of `slug` or `id`.');
    const globalId = fromGlobalId(id);
    return globalId?.type === 'Article' ? loaders.articles.load(globalId.key) : null;
  }

  @Query(() => ArticleConnectionType, { description: 'Published articles, filtered, ordered and paginated.' })
  articles(
    @Ctx() context: GatewayContext,
    @Args(() => ArticleArgs) args: ArticleArgs,
    @Info() info: GraphQLResolveInfo,
  ): ArticleConnectionType {
    return articleConnection(context, args, info);
  }

  @FieldResolver(() => ID, { description: 'Global id of the article.' })
  id(@Root() article: Article): string {
    return toGlobalId('Article', article.slug);
  }

  @FieldResolver(() => String, { description: 'Title from the front matter.' })
  title(@Root() article: Article): string {
    return article.meta.title;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Publication date; null when the front matter has none or an invalid one.' })
  date(@Root() article: Article): Date | null {
    return article.meta.date;
  }

  @FieldResolver(() => Date, { nullable: true, description: UPDATED_DESCRIPTION })
  updated(@Root() article: Article): Date | null {
    return article.meta.updated;
  }

  @FieldResolver(() => AuthorType, { nullable: true, description: 'Author, when the front matter names one.' })
  author(@Root() article: Article, @Ctx() { loaders }: GatewayContext): Author | null | Promise<Author | null> {
    return article.authorSlug === null ? null : loaders.authors.load(article.authorSlug);
  }

  @ListSize(3)
  @FieldResolver(() => [CategoryType], {
    description: 'The leaf category of each hierarchy the article is filed under, in front-matter order.',
  })
  categories(@Root() article: Article, @Ctx() { loaders }: GatewayContext): Category[] | Promise<Category[]> {
    return loaders.categories.loadKnown(article.categorySlugs);
  }

  @ListSize(10)
  @FieldResolver(() => [TagType], { description: 'Tags, in front-matter order.' })
  tags(@Root() article: Article, @Ctx() { loaders }: GatewayContext): Tag[] | Promise<Tag[]> {
    return loaders.tags.loadKnown(article.tagSlugs);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Header image URL (`headimg` in the front matter).' })
  headImage(@Root() article: Article): string | null {
    return article.meta.headImage;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Thumbnail URL from the front matter.' })
  thumbnail(@Root() article: Article): string | null {
    return article.meta.thumbnail;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Cover image URL from the front matter.' })
  cover(@Root() article: Article): string | null {
    return article.meta.cover;
  }

  @FieldResolver(() => Boolean, { description: 'Whether comments are enabled for the article.' })
  comments(@Root() article: Article): boolean {
    return article.meta.comments;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Language tag (`zh`, `en`, ...): front-matter `lang` when given, else detected from the text; null when unknown.',
  })
  language(@Root() article: Article): string | null {
    return article.language;
  }

  @FieldResolver(() => String, {
    description: 'Plain-text summary: the text before `<!-- more -->` when the body has the marker, else the start of the text.',
  })
  excerpt(
    @Root() article: Article,
    @Ctx() context: GatewayContext,
    @Arg('length', () => Int, {
      nullable: true,
      description: `Most characters to return; defaults to the configured excerpt length (${DEFAULT_CONTENT_OPTIONS.excerptLength} unless configured). At most ${MAX_EXCERPT_LENGTH}: a larger length is read as ${MAX_EXCERPT_LENGTH}.`,
    })
    length: number | null,
  ): string | Promise<string> {
    if (length != null && length <= 0) throw badUserInput(`\`length\` must be positive (got ${length}).`);
    const limit = Math.min(length ?? context.settings.excerptLength, MAX_EXCERPT_LENGTH);
    const { moreExcerpt } = article.body;
    if (moreExcerpt !== null) return moreExcerpt.length > limit ? makeExcerpt(moreExcerpt, limit) : moreExcerpt;
    return fromBody(context, article.slug, (body) => makeExcerpt(htmlToText(body.html), limit));
  }

  @FieldResolver(() => String, { description: 'Sanitised HTML of the whole body.' })
  html(@Root() article: Article, @Ctx() context: GatewayContext): string | Promise<string> {
    return fromBody(context, article.slug, (body) => body.html);
  }

  @FieldResolver(() => String, { description: 'Plain text of the whole body.' })
  text(@Root() article: Article, @Ctx() context: GatewayContext): string | Promise<string> {
    return fromBody(context, article.slug, (body) => htmlToText(body.html));
  }

  @FieldResolver(() => LeadType, {
    nullable: true,
    description: 'What precedes the first `h3`; null when the body starts with one or is empty.',
  })
  lead(@Root() article: Article, @Ctx() context: GatewayContext): LeadData | null | Promise<LeadData | null> {
    if (!article.body.hasLead) return null;
    return fromBody(context, article.slug, (body) => (body.lead === null ? null : { html: body.lead }));
  }

  @ListSize(10)
  @FieldResolver(() => [SectionType], { description: 'The sections of the body, one per `h3`, in order.' })
  sections(@Root() article: Article): readonly SectionValue[] {
    return sectionsOf(article);
  }

  @FieldResolver(() => SectionType, { nullable: true, description: 'The section with the given anchor; null when there is none.' })
  section(
    @Root() article: Article,
    @Arg('anchor', () => String, { description: 'Anchor of the section, as in `Section.anchor`.' }) anchor: string,
  ): SectionValue | null {
    return sectionsOf(article).find((section) => section.anchor === anchor) ?? null;
  }

  @FieldResolver(() => Int, { description: 'Word-like segments in the text (CJK text is segmented into words).' })
  wordCount(@Root() article: Article): number {
    return article.body.stats.wordCount;
  }

  @FieldResolver(() => Int, { description: 'Characters of the text that are not whitespace.' })
  characterCount(@Root() article: Article): number {
    return article.body.stats.characterCount;
  }

  @FieldResolver(() => Int, { description: 'Estimated minutes to read, at least 1 for a non-empty text.' })
  readingTimeMinutes(@Root() article: Article): number {
    return article.body.stats.readingTimeMinutes;
  }

  @ListSize(10)
  @FieldResolver(() => [ImageType], { description: 'Images of the body, in document order.' })
  images(@Root() article: Article): ImageRef[] {
    return article.body.images;
  }

  @FieldResolver(() => GraphQLJSON, { description: 'Front-matter keys the API has no field for, as data.' })
  frontMatter(@Root() article: Article): Record<string, unknown> {
    return article.meta.extra;
  }
}
