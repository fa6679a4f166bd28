import { Field, ObjectType } from 'type-graphql';

@ObjectType('ContentChanged', {
  simpleResolvers: true,
  description: 'What one reload of the content changed. Articles are named by slug; a renamed file is one removed slug and one added.',
})
export class ContentChangedType {
  @Field({ description: 'The content version now served (`ContentStatus.version`); queries made from now on see it.' })
  version!: string;

  @Field(() => [String], { description: 'Slugs of articles served now and not before.' })
  added!: string[];

  @Field(() => [String], { description: 'Slugs of articles whose file changed.' })
  updated!: string[];

  @Field(() => [String], { description: 'Slugs of articles no longer served: deleted, renamed away or unpublished.' })
  removed!: string[];

  @Field(() => [String], {
    description:
      'Surrogate keys of every answer this reload made stale, as answers name what they hold in `Surrogate-Key`: the changed, added and removed articles and their sections, the categories (with their ancestors), tags and authors they are filed under before and after, the type and list keys of those types, and `ContentStatus`. What `--purge-url` is sent.',
  })
  keys!: string[];
}
