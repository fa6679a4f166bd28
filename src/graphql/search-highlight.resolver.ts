import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from './context';
import { SearchHighlightType } from './search-highlight.type';
import type { SearchHighlightValue } from './search-hit.value';
import { loadSection, type SectionValue } from './section.value';
import { SectionType } from './section.type';

@Resolver(() => SearchHighlightType)
export class SearchHighlightResolver {
  @FieldResolver(() => SectionType, {
    nullable: true,
    description: 'The section the excerpt comes from; null for the title and the lead.',
  })
  section(@Root() highlight: SearchHighlightValue, @Ctx() context: GatewayContext): Promise<SectionValue | null> {
    return loadSection(context, highlight.articleSlug, highlight.sectionAnchor);
  }
}
