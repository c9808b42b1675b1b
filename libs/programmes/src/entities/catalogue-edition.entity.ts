import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CatalogueList } from './programme-enums';

/** One edition of a national list (e.g. the programme catalogue 2021). At most one is current per list. */
@Entity({ name: 'catalogue_editions' })
export class CatalogueEdition {
  @PrimaryColumn('text')
  list: CatalogueList;

  @PrimaryColumn('text')
  edition: string;

  @Column('text')
  name: string;

  @Column('boolean', { default: false })
  isCurrent: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
