import type { ContentPackage, Item, Organization, Resource } from "../../standards/content-packaging/package";
import type { ScormVersion } from "./cmi";

/**
 * The course structure a learner moves through: the default organization's items in tree
 * order, which of them can be launched, and flow navigation (previous/next over visible items
 * with a resource) and choice from the table of contents. Pure. This is how SCORM 1.2 courses
 * (which have no sequencing) and SCOs outside any organization are navigated; a SCORM 2004
 * course with an organization is navigated by its sequencing (course-sequencing.ts).
 */

export interface LaunchTarget {
  /** The attempt and progress key: the manifest item identifier, or the resource identifier for a SCO outside any organization. */
  itemId: string;
  title: string;
  resource: Resource;
  item: Item | null;
}

export interface TocEntry {
  id: string;
  title: string;
  depth: number;
  /** Has a resource to launch (a SCO or an asset). */
  launchable: boolean;
  isSco: boolean;
}

export function defaultOrganization(contentPackage: ContentPackage): Organization | null {
  return contentPackage.organizations.find((organization) => organization.identifier === contentPackage.defaultOrganization) ?? null;
}

function resourceOf(contentPackage: ContentPackage, item: Item): Resource | null {
  if (!item.identifierref) return null;
  const resource = contentPackage.resources.find((candidate) => candidate.identifier === item.identifierref);
  return resource?.href ? resource : null;
}

function isSco(contentPackage: ContentPackage, resource: Resource): boolean {
  // SCORM 1.2 packages built by hand often leave scormtype out; their launchable items are SCOs.
  return resource.scormType === "sco" || (resource.scormType === null && contentPackage.kind === "scorm12");
}

/** The visible items of the default organization in tree order (hidden items and their children are left out). */
export function tableOfContents(contentPackage: ContentPackage): TocEntry[] {
  const organization = defaultOrganization(contentPackage);
  const entries: TocEntry[] = [];
  const walk = (items: Item[], depth: number) => {
    for (const item of items) {
      if (!item.isVisible) continue;
      const resource = resourceOf(contentPackage, item);
      entries.push({
        id: item.identifier,
        title: item.title ?? item.identifier,
        depth,
        launchable: resource !== null,
        isSco: resource !== null && isSco(contentPackage, resource),
      });
      walk(item.items, depth + 1);
    }
  };
  if (organization) walk(organization.items, 0);
  return entries;
}

/** The identifiers of the SCOs of the default organization, hidden ones included: all must be finished for the course. */
export function scoItemIds(contentPackage: ContentPackage): string[] {
  const organization = defaultOrganization(contentPackage);
  const ids: string[] = [];
  const walk = (items: Item[]) => {
    for (const item of items) {
      const resource = resourceOf(contentPackage, item);
      if (resource && isSco(contentPackage, resource)) ids.push(item.identifier);
      walk(item.items);
    }
  };
  if (organization) walk(organization.items);
  return ids;
}

function findItem(items: Item[], id: string): Item | null {
  for (const item of items) {
    if (item.identifier === id) return item;
    const found = findItem(item.items, id);
    if (found) return found;
  }
  return null;
}

/**
 * What `?item=` names: an item of any organization, or a resource (a SCO used as an IMS LD
 * learning object), preferring the default organization's item that launches it.
 */
export function findLaunchTarget(contentPackage: ContentPackage, id: string): LaunchTarget | null {
  const organizations = [defaultOrganization(contentPackage), ...contentPackage.organizations].filter((o): o is Organization => o !== null);
  for (const organization of organizations) {
    const item = findItem(organization.items, id);
    const resource = item ? resourceOf(contentPackage, item) : null;
    if (item && resource) return { itemId: item.identifier, title: item.title ?? item.identifier, resource, item };
  }
  const resource = contentPackage.resources.find((candidate) => candidate.identifier === id && candidate.href);
  if (!resource) return null;
  for (const organization of organizations) {
    const toc = flatten(organization.items);
    const item = toc.find((candidate) => candidate.identifierref === resource.identifier);
    if (item) return { itemId: item.identifier, title: item.title ?? item.identifier, resource, item };
  }
  return { itemId: resource.identifier, title: resourceTitle(contentPackage, resource), resource, item: null };
}

function resourceTitle(contentPackage: ContentPackage, resource: Resource): string {
  const lomTitle = resource.metadata?.lom[0]?.general?.title;
  const first = lomTitle ? Object.values(lomTitle)[0] : undefined;
  return first ?? contentPackage.title ?? resource.identifier;
}

function flatten(items: Item[]): Item[] {
  return items.flatMap((item) => [item, ...flatten(item.items)]);
}

/** Previous and next launchable entries in tree order (flow navigation). */
export function flowNeighbours(toc: readonly TocEntry[], currentId: string): { previous: TocEntry | null; next: TocEntry | null } {
  const launchable = toc.filter((entry) => entry.launchable);
  const index = launchable.findIndex((entry) => entry.id === currentId);
  if (index < 0) return { previous: null, next: launchable[0] ?? null };
  return { previous: launchable[index - 1] ?? null, next: launchable[index + 1] ?? null };
}

/** Which run-time API the package's SCOs look for. */
export function scormVersionOf(contentPackage: ContentPackage): ScormVersion {
  return contentPackage.kind === "scorm12" ? "1.2" : "2004";
}

/** The launch path inside the package, with the item's parameters applied (CP 1.1.4 rules). */
export function launchPath(resource: Resource, item: Item | null): string {
  const base = `${resource.href}${resource.hrefSuffix}`;
  let parameters = item?.parameters?.trim() ?? "";
  if (!parameters) return base;
  if (parameters.startsWith("?") || parameters.startsWith("&")) parameters = parameters.slice(1);
  if (parameters.startsWith("#")) return base.includes("#") ? base : `${base}${parameters}`;
  const [withoutFragment, fragment] = base.split("#", 2);
  const joined = `${withoutFragment}${withoutFragment.includes("?") ? "&" : "?"}${parameters}`;
  return fragment === undefined ? joined : `${joined}#${fragment}`;
}
