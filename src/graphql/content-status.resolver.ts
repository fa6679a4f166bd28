import { Ctx, Query, Resolver } from 'type-graphql';
import type { ContentStatus } from '../content/model';
import type { GatewayContext } from './context';
import { ContentStatusType } from './content-status.type';

@Resolver()
export class ContentStatusResolver {
  @Query(() => ContentStatusType, { description: 'What the server loaded, and the problems it found.' })
  contentStatus(@Ctx() { snapshot }: GatewayContext): ContentStatus {
    return snapshot.status;
  }
}
