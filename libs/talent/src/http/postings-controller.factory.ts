import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Type,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, CursorPage, ErrorBody, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import { PostingTransitionDto } from '../dto/posting-common.dto';

/** What a side's service offers the HTTP layer (`DemandPostingsService`, `SupplyPostingsService`). */
export interface PostingsEndpoints<E, Create, Update, ListQuery> {
  list(ctx: RequestContext, query: ListQuery): Promise<CursorPage<E>>;
  create(ctx: RequestContext, dto: Create): Promise<E>;
  get(ctx: RequestContext, id: string): Promise<E>;
  update(ctx: RequestContext, id: string, dto: Update): Promise<E>;
  transition(ctx: RequestContext, id: string, dto: PostingTransitionDto): Promise<E>;
}

export interface PostingsControllerSpec<E, Dto, Create, Update, ListQuery> {
  /** The collection under the consortium: `demand-postings`. */
  path: string;
  /** The id's path parameter: `demandPostingId`. */
  idParam: string;
  service: Type<PostingsEndpoints<E, Create, Update, ListQuery>>;
  /** The request DTO classes (validated and documented from these). */
  create: Type<Create>;
  update: Type<Update>;
  listQuery: Type<ListQuery>;
  /** The response DTO (`from(entity)`) and its page. */
  dto: Type<Dto> & { from(entity: E): Dto };
  page: Type<CursorPage<Dto>>;
  /** Operation summaries that differ between the sides. */
  summaries: { list: string; create: string; get: string };
}

/**
 * The five routes of a posting collection — list, create, get, edit, transition — with
 * their access rules and OpenAPI documentation, for either side: demand and supply have
 * the same contract around their own DTOs (built per side, as `createQueueProcessor` is
 * per queue). Each side's controller is `class X extends createPostingsController({ … }) {}`.
 */
export function createPostingsController<E, Dto, Create, Update, ListQuery>(
  spec: PostingsControllerSpec<E, Dto, Create, Update, ListQuery>,
) {
  const id = spec.idParam;

  @ApiTags('talent')
  @Controller(`consortia/:consortiumId/${spec.path}`)
  class PostingsController {
    constructor(@Inject(spec.service) private readonly postings: PostingsEndpoints<E, Create, Update, ListQuery>) {}

    @Get()
    @RequirePermission(Permission.TalentRead)
    @ApiOperation({ summary: spec.summaries.list })
    @ApiOkResponse({ type: spec.page })
    async list(@Ctx() ctx: RequestContext, @Query() query: ListQuery): Promise<CursorPage<Dto>> {
      const page = await this.postings.list(ctx, query);
      return { items: page.items.map((posting) => spec.dto.from(posting)), nextCursor: page.nextCursor };
    }

    @Post()
    @RequirePermission(Permission.TalentPost)
    @ApiOperation({ summary: spec.summaries.create })
    @ApiCreatedResponse({ type: spec.dto })
    async create(@Ctx() ctx: RequestContext, @Body() body: Create): Promise<Dto> {
      return spec.dto.from(await this.postings.create(ctx, body));
    }

    @Get(`:${id}`)
    @RequirePermission(Permission.TalentRead)
    @ApiOperation({ summary: spec.summaries.get })
    @ApiOkResponse({ type: spec.dto })
    @ApiNotFoundResponse({ type: ErrorBody })
    async get(@Ctx() ctx: RequestContext, @Param(id, new ParseUUIDPipe()) postingId: string): Promise<Dto> {
      return spec.dto.from(await this.postings.get(ctx, postingId));
    }

    @Patch(`:${id}`)
    @RequirePermission(Permission.TalentPost)
    @ApiOperation({ summary: 'Edit an own draft or published posting' })
    @ApiOkResponse({ type: spec.dto })
    @ApiForbiddenResponse({ type: ErrorBody, description: 'Another organization’s published posting (read-only)' })
    async update(
      @Ctx() ctx: RequestContext,
      @Param(id, new ParseUUIDPipe()) postingId: string,
      @Body() body: Update,
    ): Promise<Dto> {
      return spec.dto.from(await this.postings.update(ctx, postingId, body));
    }

    @Post(`:${id}/transitions`)
    @RequirePermission(Permission.TalentPost)
    @HttpCode(HttpStatus.OK)
    @ApiOperation({ summary: 'publish | close (secretariat: with a reason) | fill | reopen' })
    @ApiOkResponse({ type: spec.dto })
    @ApiConflictResponse({ type: ErrorBody, description: 'Not allowed from the current status' })
    async transition(
      @Ctx() ctx: RequestContext,
      @Param(id, new ParseUUIDPipe()) postingId: string,
      @Body() body: PostingTransitionDto,
    ): Promise<Dto> {
      return spec.dto.from(await this.postings.transition(ctx, postingId, body));
    }
  }

  // Type parameters are erased: the parameter types Nest validates bodies and queries
  // against (and documents them from) are the side's DTO classes, given here.
  declareParameterTypes(PostingsController, {
    list: [Object, spec.listQuery],
    create: [Object, spec.create],
    get: [Object, String],
    update: [Object, String, spec.update],
  });
  return PostingsController;
}

/** Sets the `design:paramtypes` TypeScript would emit had the handler's parameter types been classes. */
function declareParameterTypes(controller: Type, handlers: Record<string, unknown[]>): void {
  for (const [handler, types] of Object.entries(handlers)) {
    Reflect.defineMetadata('design:paramtypes', types, controller.prototype as object, handler);
  }
}
