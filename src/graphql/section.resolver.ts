import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { htmlToText } from '../content/body';
import type { Article } from '../content/model';
import type { BodyHtml } from '../content/parsed-post';
import { ArticleType } from './article.type';
import { fromBody } from './body';
import type { GatewayContext } from './context';
import { sectionKey, toGlobalId } from './global-id';
import { SectionType } from './section.type';
import type { SectionValue } from './section.value';

@Resolver(() => SectionType)
export class SectionResolver {
  @FieldResolver(() => ID, { description: 'Global id of the section.' })
  id(@Root() section: SectionValue): string {
    return toGlobalId('Section', sectionKey(section.articleSlug, section.anchor));
  }

  @FieldResolver(() => String, { description: 'Sanitised HTML of the section, its `h3` included.' })
  html(@Root() section: SectionValue, @Ctx() context: GatewayContext): string | Promise<string> {
    return fromBody(context, section.articleSlug, (body) => sectionHtml(body, section));
  }

  @FieldResolver(() => String, { description: 'Plain text of the section, its heading included.' })
  text(@Root() section: SectionValue, @Ctx() context: GatewayContext): string | Promise<string> {
    return fromBody(context, section.articleSlug, (body) => htmlToText(sectionHtml(body, section)));
  }

  @FieldResolver(() => ArticleType, { description: 'The article the section belongs to.' })
  async article(@Root() section: SectionValue, @Ctx() { loaders }: GatewayContext): Promise<Article> {
    const article = await loaders.articles.load(section.articleSlug);
    if (!article) throw new Error(`section ${section.anchor} points at unknown article ${section.articleSlug}`);
    return article;
  }
}

function sectionHtml(body: BodyHtml, section: SectionValue): string {
  const html = body.sections.at(section.index);
  if (html === undefined) throw new Error(`section ${section.anchor} of ${section.articleSlug} is not in its body`);
  return html;
}
