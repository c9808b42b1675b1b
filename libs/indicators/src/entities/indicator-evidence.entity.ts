import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An evidence file (佐证材料) of a report, stored under STORAGE_DIR by its SHA-256. */
@Entity({ name: 'indicator_evidence' })
export class IndicatorEvidence {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('uuid')
  reportId: string;

  @Column('text')
  fileName: string;

  @Column('text')
  contentType: string;

  @Column('integer')
  sizeBytes: number;

  @Column('text')
  sha256: string;

  @Column('text')
  storageKey: string;

  @Column('uuid', { nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
