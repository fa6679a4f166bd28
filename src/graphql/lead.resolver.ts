import { FieldResolver, Resolver, Root } from 'type-graphql';
import { htmlToText } from '../content/body';
import type { LeadData } from '../content/parsed-post';
import { LeadType } from './lead.type';

@Resolver(() => LeadType)
export class LeadResolver {
  @FieldResolver(() => String, { description: 'Plain text of the lead.' })
  text(@Root() lead: LeadData): string {
    return htmlToText(lead.html);
  }
}
