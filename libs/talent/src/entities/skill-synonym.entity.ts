import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One variant spelling (normalised) the consortium maps to its one spelling of a skill. */
@Entity({ name: 'talent_skill_synonyms' })
export class SkillSynonym {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  consortiumId: string;

  @Column('text')
  variant: string;

  @Column('text')
  skill: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
