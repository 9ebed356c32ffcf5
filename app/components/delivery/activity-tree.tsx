import { useTranslation } from "react-i18next";
import type { OverviewNode } from "../../modules/delivery/player.server";
import { Link } from "../link";
import { StatusBadge } from "./status";

/**
 * The activities of a role-part: sequences in order (locked ones visible, not openable, saying
 * why), selections with how many to choose.
 */
export function ActivityTree({ nodes, href }: { nodes: OverviewNode[]; href: (identifier: string) => string }) {
  const { t } = useTranslation();
  if (nodes.length === 0) return null;
  return (
    <ol className="flex flex-col gap-3">
      {nodes.map((node) =>
        node.kind === "structure" ? (
          <li key={node.identifier} className="rounded-lg bg-white p-4 shadow-sm">
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="font-semibold">{node.title}</h3>
              {node.status === "completed" ? <StatusBadge status="completed" /> : null}
            </div>
            <p className="mb-3 text-sm text-stone-700">
              {node.structureType === "selection"
                ? t("delivery.player.chooseOfDone", {
                    count: node.numberToSelect ?? node.children.length,
                    total: node.children.length,
                    done: node.completedCount,
                  })
                : t("delivery.player.inOrder")}
            </p>
            <ActivityTree nodes={node.children} href={href} />
          </li>
        ) : (
          <li key={node.identifier} className="flex flex-wrap items-center justify-between gap-2 rounded border border-stone-200 bg-white px-4 py-3">
            {node.status === "locked" ? (
              <span className="flex flex-col">
                <span className="text-stone-700">{node.title}</span>
                <span className="text-sm text-stone-600">{t("delivery.player.lockedHint")}</span>
              </span>
            ) : (
              <Link to={href(node.identifier)} className="font-medium text-teal-900 underline underline-offset-4">
                {node.title}
              </Link>
            )}
            <StatusBadge status={node.status} />
          </li>
        ),
      )}
    </ol>
  );
}
