// The vocabulary of the schema: what an entity type and a relationship type declare.

export type PropertyType = 'string' | 'integer' | 'float' | 'boolean' | 'date' | 'datetime' | 'string[]';

export interface PropertySpec {
  type: PropertyType;
  /** Chinese and English captions, for forms, tables and reports. */
  zh: string;
  en: string;
  /** Identification numbers are masked for roles without clearance. */
  sensitive?: boolean;
  /**
   * The value is an ID number (`number`: as stored or as written in the source, whatever its shape) or gives part of
   * one away (`birthDate`: the ID's hidden digits). Roles without clearance see it masked, a birth date as its year.
   */
  revealsId?: 'number' | 'birthDate';
  /** Words that introduce this value in generated sentences (reports, clue evidence): masked there too. */
  mentions?: readonly string[];
  /** A range index is created on it. */
  indexed?: boolean;
  /** A full-text index (Chinese-aware analyser) covers it, for search by name (implies `text`). */
  fulltext?: boolean;
  /** A text (trigram) index is created on it: `CONTAINS` and `STARTS WITH` become index lookups. */
  text?: boolean;
}

export interface EntityType {
  label: string;
  zh: string;
  en: string;
  /** The identifying property: unique, required, the key used across files. */
  key: string;
  properties: Record<string, PropertySpec>;
  /** The property shown as the node's caption. */
  caption: string;
  /** Viewer display: colour and icon name; legend and reports read these. */
  color: string;
  icon: string;
  /** Application records (users, templates…) are not part of the investigated graph. */
  internal?: boolean;
}

export interface RelationType {
  type: string;
  zh: string;
  en: string;
  from: readonly string[];
  to: readonly string[];
  /**
   * The identifying property when many relationships of this type may join the same pair
   * (each transfer, each payment). Without it, one relationship per pair.
   */
  key?: string;
  properties: Record<string, PropertySpec>;
  color: string;
  /** Relationships that carry money, drawn with width by amount. */
  monetary?: boolean;
  /** Undirected in meaning (family ties); stored with one direction. */
  symmetric?: boolean;
}

/** Provenance every node and relationship carries: which run, file and row said so. */
export const PROVENANCE_PROPERTIES: Record<string, PropertySpec> = {
  sources: { type: 'string[]', zh: '来源', en: 'Sources' },
  firstRun: { type: 'string', zh: '首次导入批次', en: 'First ingest run' },
};
