import { useLocation, useNavigate } from "@remix-run/react";
import { useCallback, type MouseEvent, type MouseEventHandler, type ReactNode } from "react";

/**
 * Links between the app's pages (see docs/decisions/015-page-links.md).
 *
 * A `Link` is a plain anchor whose target is worked out by the browser, as it would be without
 * JavaScript. Once the page is interactive, a plain left click on a link to this site is
 * followed by the router, inside the page (see useLinkFollowing); every other click (a new
 * tab, a download, another site) is left to the browser. React Router's own Link does the same
 * but resolves its path against the route tree and sets up its handlers on every render,
 * which made a tenth of the learner home's server time.
 *
 * Targets are absolute paths (`/courses/…`), a query (`?step=2`) or a fragment (`#members`).
 *
 * The props are named one by one rather than spread onto the anchor: what V8 allocated for
 * each spread outlived the page, and made a third of what a learner home left for the old
 * generation's collector.
 */
export interface LinkProps {
  to: string;
  children: ReactNode;
  className?: string;
  rel?: string;
  onClick?: MouseEventHandler<HTMLAnchorElement>;
  "aria-label"?: string;
  "aria-current"?: "page" | "step" | "location" | "true";
}

export function Link({ to, children, className, rel, onClick, "aria-label": label, "aria-current": current }: LinkProps) {
  // data-discover marks the anchors that the router follows; Remix's lazy route discovery reads it too.
  return (
    <a href={to} data-discover="true" className={className} rel={rel} onClick={onClick} aria-label={label} aria-current={current}>
      {children}
    </a>
  );
}

export interface NavLinkProps {
  to: string;
  children: ReactNode;
  /** Current only on `to` itself, not on the pages under it. */
  end?: boolean;
  className: (state: { isActive: boolean }) => string;
}

/** A link in a navigation bar: marked as the current page (aria-current) while it is open. */
export function NavLink({ to, children, end = false, className }: NavLinkProps) {
  const { pathname } = useLocation();
  const isActive = pathname === to || (!end && pathname.startsWith(`${to}/`));
  return (
    <Link to={to} className={className({ isActive })} aria-current={isActive ? "page" : undefined}>
      {children}
    </Link>
  );
}

/**
 * The click handler that has the router follow the Links inside the element it is set on:
 * clicks bubble up to it, from the mouse and from the keyboard alike. The app shell sets it on
 * the frame of every page.
 */
export function useLinkFollowing() {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent) => {
      const modified = event.metaKey || event.altKey || event.ctrlKey || event.shiftKey;
      if (event.defaultPrevented || event.button !== 0 || modified) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[data-discover]") : null;
      if (!(anchor instanceof HTMLAnchorElement)) return;
      if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
      const target = new URL(anchor.href);
      if (target.origin !== window.location.origin) return;
      event.preventDefault();
      const path = target.pathname + target.search + target.hash;
      const here = window.location.pathname + window.location.search + window.location.hash;
      navigate(path, { replace: path === here });
    },
    [navigate],
  );
}
