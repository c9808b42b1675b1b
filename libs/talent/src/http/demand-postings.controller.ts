import {
  CreateDemandPostingDto,
  DemandPostingDto,
  DemandPostingListQueryDto,
  DemandPostingPageDto,
  UpdateDemandPostingDto,
} from '../dto/demand-posting.dto';
import { DemandPostingsService } from '../services/demand-postings.service';
import { createPostingsController } from './postings-controller.factory';

/** Talent demand (人才需求): enterprises post their own; everyone reads what was published; the secretariat moderates. */
export class DemandPostingsController extends createPostingsController({
  path: 'demand-postings',
  idParam: 'demandPostingId',
  service: DemandPostingsService,
  create: CreateDemandPostingDto,
  update: UpdateDemandPostingDto,
  listQuery: DemandPostingListQueryDto,
  dto: DemandPostingDto,
  page: DemandPostingPageDto,
  summaries: {
    list: 'Find demand postings (filters, q over title/description/skills, sort, pages)',
    create: 'Draft a demand posting for the caller’s enterprise (the secretariat names one)',
    get: 'One demand posting (another organization’s draft answers 404)',
  },
}) {}
