import { useEffect, useId, useRef, useState } from 'react';
import { Link } from '../router/Link.tsx';

export interface NavMenuLink {
  to: string;
  label: string;
}

const LINK =
  'rounded-md px-3 py-1.5 text-sm font-medium text-brand-100 hover:bg-brand-700 hover:text-white aria-[current=page]:bg-brand-900 aria-[current=page]:text-white';

/**
 * A header group as a disclosure menu: a button that opens the group's links below it. Escape,
 * a click elsewhere or choosing a link closes it; the button is marked when one of its pages is open.
 */
export function NavMenu({
  label,
  links,
  current,
  testId,
}: {
  label: string;
  links: readonly NavMenuLink[];
  current: string;
  testId: string;
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const active = links.some((link) => link.to === current);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          rootRef.current?.querySelector('button')?.focus();
        }
      }}
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        aria-current={active ? 'page' : undefined}
        onClick={() => setOpen((was) => !was)}
        className={`${LINK} inline-flex items-center gap-1`}
        data-testid={testId}
      >
        {label}
        <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <ul
          id={listId}
          className="absolute start-0 top-full z-30 mt-1 min-w-56 rounded-md bg-brand-800 p-1 shadow-lg"
          data-testid={`${testId}-list`}
        >
          {links.map((link) => (
            <li key={link.to}>
              <Link
                to={link.to}
                aria-current={link.to === current ? 'page' : undefined}
                className={`${LINK} block whitespace-nowrap`}
                onClick={() => setOpen(false)}
              >
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
