import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "../root";

export type RootLoaderData = ReturnType<typeof useRouteLoaderData<typeof loader>>;

/** The root loader's data: the signed-in user, the UI language and its messages. */
export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}
