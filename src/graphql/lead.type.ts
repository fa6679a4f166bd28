import { Field, ObjectType } from 'type-graphql';

@ObjectType('Lead', { simpleResolvers: true, description: 'The part of an article body before its first `h3` heading.' })
export class LeadType {
  @Field({ description: 'Sanitised HTML of the lead.' })
  html!: string;
}
