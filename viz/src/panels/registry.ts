// Extension points for panels: the right-hand dock's tabs, and sections of the entity detail panel.

import type { EntityDetail } from '../api/types.ts';
import type { AppContext } from '../app/context.ts';
import type { StringKey } from '../i18n/index.ts';

/** What a mounted panel may do when the dock shows, hides or drops it. */
export interface PanelInstance {
  shown?: () => void;
  hidden?: () => void;
  dispose?: () => void;
}

/**
 * A dock panel (detail, clue list, template runner, path/trace/equity, …). Register it in panels/index.ts;
 * the dock adds a tab for each panel the user may see, in `order`.
 */
export interface PanelSpec {
  id: string;
  /** Tab title (a string key of i18n/strings.ts). */
  title: StringKey;
  order: number;
  /** Permission needed to see the panel (as listed by GET /api/auth/me); none = every logged-in user. */
  permission?: string;
  /** Builds the panel into `root` once, after login. */
  mount: (root: HTMLElement, ctx: AppContext) => PanelInstance | undefined;
}

const PANELS: PanelSpec[] = [];

export function registerPanel(spec: PanelSpec): void {
  if (PANELS.some((p) => p.id === spec.id)) throw new Error(`panel ${spec.id} registered twice`);
  PANELS.push(spec);
  PANELS.sort((a, b) => a.order - b.order);
}

export function registeredPanels(): readonly PanelSpec[] {
  return PANELS;
}

/**
 * A section of the detail panel, drawn under the built-in ones for each entity shown (the transaction
 * timeline plugs in here). `render` may be async; it gets an empty element to fill.
 */
export interface DetailSection {
  id: string;
  /** Section heading (a string key). */
  title: StringKey;
  order: number;
  permission?: string;
  /** False to leave the section out for this entity (e.g. a timeline only for accounts and persons). */
  applies?: (detail: EntityDetail) => boolean;
  render: (root: HTMLElement, detail: EntityDetail, ctx: AppContext) => void | Promise<void>;
}

const SECTIONS: DetailSection[] = [];

export function registerDetailSection(section: DetailSection): void {
  if (SECTIONS.some((s) => s.id === section.id))
    throw new Error(`detail section ${section.id} registered twice`);
  SECTIONS.push(section);
  SECTIONS.sort((a, b) => a.order - b.order);
}

export function detailSections(): readonly DetailSection[] {
  return SECTIONS;
}
