// @ts-check
/**
 * A small client for the Buurtplein API v3, typed by the OpenAPI description.
 *
 * The types come from src/api.d.ts, which openapi-typescript generates from
 * /api/v3/openapi.json (`npm run types`); `npm run check` (tsc) checks this
 * file and app.js against them. The browser runs this file as it is: the
 * types live in comments only, there is no build step.
 */

/** @typedef {import("./api").paths} Paths */

/**
 * The query parameters of a GET operation.
 * @template {keyof Paths} P
 * @typedef {Paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never} QueryOf
 */

/**
 * The JSON body of a GET operation's 200 response.
 * @template {keyof Paths} P
 * @typedef {Paths[P] extends { get: { responses: { 200: { content: { "application/json": infer R } } } } } ? R : never} OkOf
 */

/** @typedef {OkOf<"/api/v3/agenda/occurrences/">} OccurrenceList */
/** @typedef {OccurrenceList["items"][number]} Occurrence */
/** @typedef {OkOf<"/api/v3/sociale-kaart/organisaties/">} OrganisationList */
/** @typedef {OrganisationList["items"][number]} Organisation */
/** @typedef {OkOf<"/api/v3/wijken/">} NeighbourhoodList */
/** @typedef {NeighbourhoodList["items"][number]} Neighbourhood */
/** @typedef {import("./api").components["schemas"]["ProblemDetail"]} ProblemDetail */
/** @typedef {OkOf<"/api/v3/pages/{page_id}/">} PageDetail Any page type. */
/** @typedef {PageDetail["meta"]["type"]} PageType "agenda.EventPage", … */

/**
 * Whether `page` is of this page type; narrows it to that type's fields.
 *
 * The page API's detail answer is a union of every page type, told apart by
 * `meta.type`. TypeScript narrows a union only on a property at its top
 * level, so `if (page.meta.type === "agenda.EventPage")` does not give you
 * `page.start`; `if (isPageType(page, "agenda.EventPage"))` does.
 *
 * @template {PageType} T
 * @param {PageDetail} page
 * @param {T} type
 * @returns {page is Extract<PageDetail, { meta: { type: T } }>}
 */
export function isPageType(page, type) {
  return page.meta.type === type;
}

/**
 * @typedef {object} ClientConfig
 * @property {string} baseUrl Where the API is, e.g. https://samen.gemeente.nl
 * @property {string} [site] The site (hostname) whose content you want, when
 *   the API's host serves several.
 * @property {string} [clientKey] The key of this front end's API-koppeling
 *   (sent as X-Buurtplein-Client); only needed to submit something.
 */

/** An answer other than 2xx, with the API's (Dutch) explanation. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {ProblemDetail | null} problem
   */
  constructor(status, message, problem) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }
}

/**
 * @param {ClientConfig} config
 */
export function createClient(config) {
  const baseUrl = config.baseUrl.replace(/\/+$/, "");

  /**
   * GET an operation of the API with its query parameters.
   * @template {keyof Paths} P
   * @param {P} path
   * @param {QueryOf<P>} query
   * @param {AbortSignal} [signal]
   * @returns {Promise<OkOf<P>>}
   */
  async function get(path, query, signal) {
    const url = new URL(baseUrl + String(path));
    const params = /** @type {Record<string, unknown>} */ ({
      ...(config.site ? { site: config.site } : {}),
      ...query,
    });
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== "") {
        url.searchParams.set(name, String(value));
      }
    }
    /** @type {Record<string, string>} */
    const headers = { Accept: "application/json" };
    if (config.clientKey) {
      headers["X-Buurtplein-Client"] = config.clientKey;
    }
    const response = await fetch(url, { headers, signal });
    if (!response.ok) {
      /** @type {ProblemDetail | null} */
      let problem = null;
      try {
        problem = await response.json();
      } catch {
        // Not JSON: a proxy's error page, for instance.
      }
      throw new ApiError(
        response.status,
        problem?.detail || problem?.title || `HTTP ${response.status}`,
        problem,
      );
    }
    return response.json();
  }

  return {
    /**
     * The dates in the agenda, one item per date of an event.
     * @param {QueryOf<"/api/v3/agenda/occurrences/">} query
     * @param {AbortSignal} [signal]
     */
    occurrences: (query, signal) =>
      get("/api/v3/agenda/occurrences/", query, signal),

    /**
     * Search the sociale kaart.
     * @param {QueryOf<"/api/v3/sociale-kaart/organisaties/">} query
     * @param {AbortSignal} [signal]
     */
    organisations: (query, signal) =>
      get("/api/v3/sociale-kaart/organisaties/", query, signal),

    /**
     * The wijken of the site.
     * @param {AbortSignal} [signal]
     */
    neighbourhoods: (signal) => get("/api/v3/wijken/", {}, signal),

    /**
     * One page of any type, by id (see isPageType).
     * @param {number} id
     * @param {AbortSignal} [signal]
     * @returns {Promise<PageDetail>}
     */
    page: (id, signal) =>
      get(
        /** @type {"/api/v3/pages/{page_id}/"} */ (
          `/api/v3/pages/${encodeURIComponent(id)}/`
        ),
        {},
        signal,
      ),
  };
}
