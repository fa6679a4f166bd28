/**
 * The page of each listing on the site, Hexo's `categories/<slug>/` and `tags/<slug>/`, and
 * `authors/<slug>/` beside them, where the gateway serves the listing's feeds too.
 */
import { Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { SiteLinks } from '../content/links';
import { AuthorType } from './author.type';
import { CategoryType } from './category.type';
import type { GatewayContext } from './context';
import { TagType } from './tag.type';

function createListingUrlResolver(type: ClassType, noun: string, folder: string, link: (links: SiteLinks, slug: string) => string) {
  @Resolver(() => type)
  class ListingUrlResolver {
    @FieldResolver(() => String, {
      description: `Absolute URL of the ${noun}'s page on the site (\`${folder}/<slug>/\`); its feeds are \`feed.xml\`, \`rss.xml\` and \`feed.json\` below it.`,
    })
    url(@Root() listing: { slug: string }, @Ctx() { settings }: GatewayContext): string {
      return link(settings.links, listing.slug);
    }
  }
  return ListingUrlResolver;
}

export const CategoryUrlResolver = createListingUrlResolver(CategoryType, 'category', 'categories', (links, slug) => links.category(slug));
export const TagUrlResolver = createListingUrlResolver(TagType, 'tag', 'tags', (links, slug) => links.tag(slug));
export const AuthorUrlResolver = createListingUrlResolver(AuthorType, 'author', 'authors', (links, slug) => links.author(slug));
