import type { ReactNode } from "react";
import type { CurrentUser } from "@/lib/auth/guard";
import { Header } from "./header";

/**
 * The signed-in pages' layout: the header, then the page in a centred column. `className` gives
 * the column's width and spacing ("max-w-5xl space-y-6"); `title`, when given, is the page's h1.
 */
export function PageShell({
  user,
  title,
  className,
  children,
}: {
  user: CurrentUser;
  title?: ReactNode;
  className: string;
  children: ReactNode;
}) {
  return (
    <>
      <Header user={user} />
      <main className={`mx-auto p-6 ${className}`}>
        {title !== undefined && <h1 className="text-2xl font-semibold">{title}</h1>}
        {children}
      </main>
    </>
  );
}
