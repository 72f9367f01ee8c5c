/** A query string as Next hands it to a page: each parameter absent, once, or repeated. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** A dynamic page's props: its route parameters and its query string (both promises since Next 15). */
export interface RoutePageProps<Params> {
  params: Promise<Params>;
  searchParams: Promise<SearchParams>;
}
