import { CreateDateColumn, Entity, PrimaryColumn, Column } from 'typeorm';

/** 职业面向: a programme of one catalogue edition leads to an occupation (细类 or 小类) of an occupation edition. */
@Entity({ name: 'catalogue_programme_occupations' })
export class CatalogueProgrammeOccupation {
  @PrimaryColumn('text')
  edition: string;

  @PrimaryColumn('text')
  programmeCode: string;

  @Column('text')
  occupationEdition: string;

  @PrimaryColumn('text')
  occupationCode: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
