import { createContext, useContext, useLayoutEffect, useMemo, useRef, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { Link, useHref, useNavigate } from 'react-router-dom';

interface RowLinkRouting {
  /** What goes before an app path in an address: "#" under the hash router. */
  prefix: string;
  follow(event: MouseEvent<HTMLAnchorElement>, to: string): void;
}

export const RowLinkContext = createContext<RowLinkRouting | null>(null);

/**
 * Lets the RowLinks below follow their clicks through the router. One per app shell: it reads the
 * router once for every link on the screen.
 */
export function RowLinkRouter({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  // The router's navigate changes with every location; the links keep one routing for good.
  const latest = useRef(navigate);
  useLayoutEffect(() => {
    latest.current = navigate;
  }, [navigate]);
  const root = useHref('/');
  const prefix = root.slice(0, -1);
  const routing = useMemo<RowLinkRouting>(
    () => ({
      prefix,
      follow: (event, to) => {
        // As the router's Link: the browser handles other buttons, modified clicks and other targets.
        const target = event.currentTarget.target;
        if (event.defaultPrevented || event.button !== 0 || (target && target !== '_self')) return;
        if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        // A link to where the page already is replaces that entry instead of adding one.
        void latest.current(to, { replace: window.location.hash === prefix + to });
      },
    }),
    [prefix],
  );
  return <RowLinkContext.Provider value={routing}>{children}</RowLinkContext.Provider>;
}

type RowLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  /** An absolute app path ("/groups/…"). */
  to: string;
};

/**
 * A link in a row of a long list (a session, a group, a register entry): the same anchor, address
 * and click as the router's Link, at a fraction of its cost. Link resolves its path, keeps a layout
 * effect and its own click handler, about 0.1–0.3 ms per link to mount and as much to unmount; a
 * screen of a few hundred rows paid that on every visit and every departure.
 */
export function RowLink({ to, onClick, ...props }: RowLinkProps) {
  const routing = useContext(RowLinkContext);
  // Outside the app shell (a component rendered alone) the router's own Link does the same.
  if (!routing) return <Link to={to} onClick={onClick} {...props} />;
  return (
    <a
      {...props}
      href={routing.prefix + to}
      onClick={(event) => {
        onClick?.(event);
        routing.follow(event, to);
      }}
    />
  );
}
