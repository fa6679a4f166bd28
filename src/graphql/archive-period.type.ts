import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('ArchivePeriod', {
  simpleResolvers: true,
  description: 'The articles dated within one year, month or day, in the content time zone.',
})
export class ArchivePeriodType {
  @Field(() => Int, { description: 'Year of the period.' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Month of the period, 1 to 12; null when grouping by year.' })
  month!: number | null;

  @Field(() => Int, { nullable: true, description: 'Day of the month, 1 to 31; null unless grouping by day.' })
  day!: number | null;
}
