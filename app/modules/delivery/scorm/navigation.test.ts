import { describe, expect, it } from "vitest";
import type { ContentPackage, Item, Resource } from "../../standards/content-packaging/package";
import { findLaunchTarget, flowNeighbours, launchPath, scoItemIds, tableOfContents } from "./navigation";

const item = (identifier: string, identifierref: string | null, extra: Partial<Item> = {}): Item =>
  ({ identifier, identifierref, isVisible: true, parameters: null, title: identifier.toUpperCase(), items: [], ...extra }) as Item;
const resource = (identifier: string, scormType: "sco" | "asset" | null = "sco"): Resource =>
  ({ identifier, scormType, href: `${identifier}/index.html`, hrefSuffix: "", files: [], dependencies: [], metadata: null }) as unknown as Resource;

const contentPackage = {
  kind: "scorm2004",
  defaultOrganization: "org",
  title: "Course",
  organizations: [
    {
      identifier: "org",
      items: [
        item("module", null, { items: [item("a", "r-a"), item("hidden", "r-h", { isVisible: false }), item("b", "r-b", { parameters: "?page=2" })] }),
        item("c", "r-c"),
      ],
    },
  ],
  resources: [resource("r-a"), resource("r-h"), resource("r-b"), resource("r-c", "asset"), resource("r-free")],
} as unknown as ContentPackage;

describe("course navigation", () => {
  it("lists visible items in tree order and moves over the launchable ones", () => {
    const toc = tableOfContents(contentPackage);
    expect(toc.map((entry) => [entry.id, entry.depth, entry.launchable])).toEqual([
      ["module", 0, false],
      ["a", 1, true],
      ["b", 1, true],
      ["c", 0, true],
    ]);
    expect(flowNeighbours(toc, "b")).toMatchObject({ previous: { id: "a" }, next: { id: "c" } });
    expect(flowNeighbours(toc, "a").previous).toBeNull();
  });

  it("requires every SCO, hidden ones too, but no asset, for the course", () => {
    expect(scoItemIds(contentPackage)).toEqual(["a", "hidden", "b"]);
  });

  it("finds what ?item= names: an item, or a resource used outside any organization", () => {
    expect(findLaunchTarget(contentPackage, "b")).toMatchObject({ itemId: "b" });
    expect(findLaunchTarget(contentPackage, "r-a")).toMatchObject({ itemId: "a" });
    expect(findLaunchTarget(contentPackage, "r-free")).toMatchObject({ itemId: "r-free", item: null });
    expect(findLaunchTarget(contentPackage, "module")).toBeNull();
  });

  it("adds an item's parameters to the launch path", () => {
    const b = findLaunchTarget(contentPackage, "b")!;
    expect(launchPath(b.resource, b.item)).toBe("r-b/index.html?page=2");
  });
});
