import { Injectable, Logger } from '@nestjs/common';
import { Clock, ContributesDemo, DemoContributor, queryRow, RequestContext, TransactionService } from '@chanjiao/core';
import { OrganizationsService } from '@chanjiao/consortia';
import {
  SAMPLE_OCCUPATION_EDITION,
  SAMPLE_OCCUPATIONS,
  SAMPLE_PROGRAMME_EDITION,
  SAMPLE_PROGRAMME_OCCUPATIONS,
  SAMPLE_PROGRAMMES,
  SampleSheet,
} from '../demo/catalogue-sample';
import { DEMO_OFFERINGS } from '../demo/demo-offerings';
import { CatalogueProgramme } from '../entities/catalogue-programme.entity';
import { CatalogueList } from '../entities/programme-enums';
import { ProgrammeOffering } from '../entities/programme-offering.entity';
import { CatalogueImportService } from './catalogue-import.service';
import { CatalogueService } from './catalogue.service';
import { OfferingsService } from './offerings.service';

const gridOf = (sheet: SampleSheet) => ({
  header: sheet.header,
  records: sheet.rows.map((values, index) => ({ row: index + 2, values })),
});

/**
 * The programmes part of the demo seed (a `@ContributesDemo` provider, run by
 * `consortia.seed-demo` in its transaction once the demo organizations exist): the shipped
 * sample lists where no edition was imported (`npm start` imports the full reference
 * lists first when they are at hand), then the demo schools' offerings with graduates
 * expected this year and next (China time). Idempotent: an offering already there is
 * left as it is.
 */
@Injectable()
@ContributesDemo(100)
export class DemoProgrammesService implements DemoContributor {
  private readonly logger = new Logger(DemoProgrammesService.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly catalogue: CatalogueService,
    private readonly imports: CatalogueImportService,
    private readonly offerings: OfferingsService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  async seedDemo(ctx: RequestContext): Promise<void> {
    await this.seed(ctx);
  }

  /** What the demo got: the sample catalogue or the lists present, and the offerings created now. */
  async seed(ctx: RequestContext): Promise<{ catalogue: 'sample' | 'existing'; offerings: number }> {
    const consortiumId = ctx.consortiumId as string;
    const catalogue = await this.ensureCatalogue(ctx);
    const year = Number(this.clock.chinaToday().slice(0, 4));
    const schools = new Map((await this.organizations.list(ctx, { limit: 50_000 })).items.map((o) => [o.name, o.id]));
    let created = 0;
    await this.tx.run(ctx, async (m) => {
      const edition = await this.catalogue.currentEditionIn(m, CatalogueList.Programmes);
      for (const demo of DEMO_OFFERINGS) {
        const organizationId = schools.get(demo.school);
        if (!organizationId || !edition) continue;
        if (!(await m.findOne(CatalogueProgramme, { where: { edition, code: demo.programmeCode } }))) continue;
        const exists = await m.findOne(ProgrammeOffering, {
          where: { consortiumId, organizationId, catalogueEdition: edition, programmeCode: demo.programmeCode },
        });
        if (exists) continue;
        const ids = (names: readonly string[] | undefined) =>
          (names ?? []).map((name) => schools.get(name)).filter((id): id is string => id !== undefined);
        await this.offerings.insert(m, ctx, organizationId, {
          programmeCode: demo.programmeCode,
          startYear: demo.startYear,
          status: demo.status,
          enrolmentPlan: demo.enrolmentPlan,
          studentsEnrolled: demo.studentsEnrolled,
          expectedGraduates: demo.graduates.map(([offset, count]) => ({ year: year + offset, count })),
          skills: demo.skills,
          certificates: demo.certificates,
          trainingModes: demo.trainingModes,
          partnerEnterpriseIds: ids(demo.partnerEnterprises),
          partnerSchoolIds: ids(demo.partnerSchools),
          contactName: demo.contactName,
        });
        created += 1;
      }
    });
    this.logger.log(`Demo programmes: catalogue ${catalogue}, ${created} offerings created`);
    return { catalogue, offerings: created };
  }

  /** Loads the shipped sample into any list that has no edition yet. */
  private async ensureCatalogue(ctx: RequestContext): Promise<'sample' | 'existing'> {
    const quiet = { jobId: 'demo-seed', reportProgress: () => Promise.resolve() };
    let loaded = false;
    const common = {
      editionName: null,
      makeCurrent: true,
      occupationEdition: null,
      fileKey: 'demo/sample',
      format: 'csv' as const,
    };
    if (!(await this.catalogue.currentEdition(ctx, CatalogueList.Programmes))) {
      await this.imports.importGrid(
        ctx,
        { ...common, list: 'programmes', edition: SAMPLE_PROGRAMME_EDITION },
        gridOf(SAMPLE_PROGRAMMES),
        quiet,
      );
      loaded = true;
    }
    if (!(await this.catalogue.currentEdition(ctx, CatalogueList.Occupations))) {
      await this.imports.importGrid(
        ctx,
        { ...common, list: 'occupations', edition: SAMPLE_OCCUPATION_EDITION },
        gridOf(SAMPLE_OCCUPATIONS),
        quiet,
      );
      loaded = true;
    }
    const programmeEdition = await this.catalogue.currentEdition(ctx, CatalogueList.Programmes);
    const occupationEdition = await this.catalogue.currentEdition(ctx, CatalogueList.Occupations);
    const mapped = await this.tx.run(ctx, (m) =>
      queryRow<{ n: number }>(m, `SELECT count(*)::int AS n FROM catalogue_programme_occupations WHERE edition = $1`, [
        programmeEdition,
      ]),
    );
    if (programmeEdition && occupationEdition && (mapped?.n ?? 0) === 0) {
      await this.imports.importGrid(
        ctx,
        { ...common, makeCurrent: null, list: 'programme_occupations', edition: programmeEdition, occupationEdition },
        gridOf(SAMPLE_PROGRAMME_OCCUPATIONS),
        quiet,
      );
      loaded = true;
    }
    return loaded ? 'sample' : 'existing';
  }
}
