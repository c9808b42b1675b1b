import {
  CreateSupplyPostingDto,
  SupplyPostingDto,
  SupplyPostingListQueryDto,
  SupplyPostingPageDto,
  UpdateSupplyPostingDto,
} from '../dto/supply-posting.dto';
import { SupplyPostingsService } from '../services/supply-postings.service';
import { createPostingsController } from './postings-controller.factory';

/** Talent supply (人才供给): schools post their own offerings' graduates; everyone reads what was published; the secretariat moderates. */
export class SupplyPostingsController extends createPostingsController({
  path: 'supply-postings',
  idParam: 'supplyPostingId',
  service: SupplyPostingsService,
  create: CreateSupplyPostingDto,
  update: UpdateSupplyPostingDto,
  listQuery: SupplyPostingListQueryDto,
  dto: SupplyPostingDto,
  page: SupplyPostingPageDto,
  summaries: {
    list: 'Find supply postings (filters, q over title/note/skills, sort, pages)',
    create: 'Draft a supply posting for one of the caller school’s offerings',
    get: 'One supply posting (another organization’s draft answers 404)',
  },
}) {}
