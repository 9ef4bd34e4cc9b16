// @ts-check
/**
 * The example front end: one wijk's agenda for the coming two weeks and a
 * search in the sociale kaart, from another origin than the API's.
 *
 * Configuration: the JSON block #buurtplein-config in index.html, and query
 * parameters that override it (?api=https://samen.gemeente.nl&site=...&key=...&wijk=centrum).
 * The API must allow this page's origin (CORS): list it with the site's
 * API-koppeling (Instellingen → API-koppelingen) or in CORS_ALLOWED_ORIGINS.
 */

import { ApiError, createClient } from "./client.js";

/** @typedef {import("./client.js").Occurrence} Occurrence */
/** @typedef {import("./client.js").Organisation} Organisation */
/** @typedef {import("./client.js").Neighbourhood} Neighbourhood */

const TIME_ZONE = "Europe/Amsterdam";
/** Two weeks: today and the thirteen days after it. */
const AGENDA_DAYS = 14;
/** The API gives at most 100 items a request; more pages up to this many. */
const MAX_PAGES = 5;

const isoDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const dayHeading = new Intl.DateTimeFormat("nl-NL", {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
});
const shortDay = new Intl.DateTimeFormat("nl-NL", {
  timeZone: TIME_ZONE,
  day: "numeric",
  month: "long",
});
const clock = new Intl.DateTimeFormat("nl-NL", {
  timeZone: TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
});

/**
 * @typedef {object} Config
 * @property {string} baseUrl
 * @property {string} site
 * @property {string} clientKey
 * @property {string} wijk
 */

/** @returns {Config} */
function readConfig() {
  const block = document.getElementById("buurtplein-config");
  /** @type {Partial<Config>} */
  let fromPage = {};
  try {
    fromPage = JSON.parse(block?.textContent || "{}");
  } catch {
    fromPage = {};
  }
  const params = new URLSearchParams(window.location.search);
  return {
    baseUrl: params.get("api") || fromPage.baseUrl || window.location.origin,
    site: params.get("site") ?? fromPage.site ?? "",
    clientKey: params.get("key") ?? fromPage.clientKey ?? "",
    wijk: params.get("wijk") ?? fromPage.wijk ?? "",
  };
}

/**
 * A DOM element with attributes and children; text is never parsed as HTML.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attributes]
 * @param {(Node | string | null | undefined | false)[]} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child) {
      element.append(child);
    }
  }
  return element;
}

/**
 * The element with this id, of this type; the page is broken without it.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) {
    throw new Error(`#${id} ontbreekt in de pagina`);
  }
  return element;
}

/**
 * `days` days after the ISO date `day`.
 * @param {string} day
 * @param {number} days
 */
function addDays(day, days) {
  const [year, month, date] = day.split("-").map(Number);
  const moved = new Date(Date.UTC(year, month - 1, date + days));
  return moved.toISOString().slice(0, 10);
}

/** @param {unknown} error */
function explain(error) {
  if (error instanceof ApiError) {
    return error.message;
  }
  return "De API is niet bereikbaar. Probeer het later nog eens.";
}

// -- Agenda ------------------------------------------------------------------

/** @param {Occurrence} occurrence */
function occurrenceTime(occurrence) {
  const start = new Date(occurrence.start);
  if (occurrence.all_day) {
    return el("span", {}, "Hele dag");
  }
  const from = el("time", { datetime: occurrence.start }, clock.format(start));
  if (!occurrence.end) {
    return el("span", {}, from);
  }
  const until = el(
    "time",
    { datetime: occurrence.end },
    clock.format(new Date(occurrence.end)),
  );
  return el("span", {}, from, "–", until);
}

/** @param {Occurrence} occurrence */
function occurrenceItem(occurrence) {
  const event = occurrence.event;
  const details = [];
  if (event.place) {
    details.push(event.place.name);
  }
  if (event.is_free) {
    details.push("Gratis");
  } else if (event.cost) {
    details.push(event.cost);
  }
  return el(
    "li",
    { class: "occurrence" },
    el(
      "article",
      {},
      el("h4", {}, el("a", { href: event.url }, event.title)),
      el(
        "p",
        { class: "meta" },
        occurrenceTime(occurrence),
        details.length ? ` · ${details.join(" · ")}` : "",
      ),
      occurrence.moved_from &&
        el(
          "p",
          { class: "moved" },
          `Verplaatst, was ${shortDay.format(new Date(occurrence.moved_from))}.`,
        ),
      event.introduction && el("p", {}, event.introduction),
      event.organiser && el("p", { class: "meta" }, `Door ${event.organiser}`),
    ),
  );
}

/**
 * The occurrences under a heading per day (Dutch time).
 * @param {Occurrence[]} occurrences
 */
function agendaByDay(occurrences) {
  /** @type {Map<string, Occurrence[]>} */
  const days = new Map();
  for (const occurrence of occurrences) {
    const day = isoDay.format(new Date(occurrence.start));
    days.set(day, [...(days.get(day) || []), occurrence]);
  }
  const fragment = document.createDocumentFragment();
  for (const [day, items] of days) {
    const noon = new Date(`${day}T12:00:00Z`);
    fragment.append(
      el(
        "section",
        { class: "day", "data-day": day },
        el("h3", {}, dayHeading.format(noon)),
        el("ul", {}, ...items.map(occurrenceItem)),
      ),
    );
  }
  return fragment;
}

/**
 * @param {ReturnType<typeof createClient>} client
 * @param {string} wijk
 * @param {AbortSignal} signal
 */
async function loadAgenda(client, wijk, signal) {
  const from = isoDay.format(new Date());
  const to = addDays(from, AGENDA_DAYS - 1);
  /** @type {Occurrence[]} */
  const items = [];
  let count = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await client.occurrences(
      { wijk, from, to, limit: 100, offset: items.length },
      signal,
    );
    count = answer.count;
    items.push(...answer.items);
    if (items.length >= count || answer.items.length === 0) {
      break;
    }
  }
  return { from, to, items, count };
}

// -- Sociale kaart -------------------------------------------------------------

/** @param {Organisation} organisation */
function organisationItem(organisation) {
  const contact = [];
  if (organisation.phone) {
    contact.push(
      el(
        "a",
        { href: `tel:${organisation.phone.replace(/\s+/g, "")}` },
        organisation.phone,
      ),
    );
  }
  if (organisation.website) {
    contact.push(
      el("a", { href: organisation.website, rel: "noopener" }, "Website"),
    );
  }
  return el(
    "li",
    { class: "organisation" },
    el(
      "article",
      {},
      el("h3", {}, el("a", { href: organisation.url }, organisation.title)),
      organisation.open_now && el("p", { class: "open" }, "Nu open"),
      organisation.summary && el("p", {}, organisation.summary),
      organisation.themes.length > 0 &&
        el(
          "p",
          { class: "meta" },
          organisation.themes.map((theme) => theme.name).join(", "),
        ),
      contact.length > 0 &&
        el(
          "p",
          { class: "contact" },
          ...contact.flatMap((link, index) => (index ? [" · ", link] : [link])),
        ),
    ),
  );
}

// -- The page ------------------------------------------------------------------

function main() {
  const config = readConfig();
  const client = createClient(config);

  const agendaForm = byId("agenda-form", HTMLFormElement);
  const wijkSelect = byId("wijk", HTMLSelectElement);
  const agendaStatus = byId("agenda-status", HTMLElement);
  const agendaResults = byId("agenda-results", HTMLElement);
  const searchForm = byId("kaart-form", HTMLFormElement);
  const searchInput = byId("q", HTMLInputElement);
  const openNow = byId("nu-open", HTMLInputElement);
  const searchStatus = byId("kaart-status", HTMLElement);
  const searchResults = byId("kaart-results", HTMLElement);

  /** @type {Map<string, string>} */
  const wijkNames = new Map();
  /** @type {AbortController | null} */
  let agendaRequest = null;
  /** @type {AbortController | null} */
  let searchRequest = null;

  /** @param {string} wijk */
  async function showAgenda(wijk) {
    agendaRequest?.abort();
    const request = new AbortController();
    agendaRequest = request;
    const where = wijk ? wijkNames.get(wijk) || wijk : "de hele gemeente";
    agendaResults.setAttribute("aria-busy", "true");
    agendaStatus.textContent = `De agenda van ${where} wordt geladen…`;
    try {
      const agenda = await loadAgenda(client, wijk, request.signal);
      agendaResults.replaceChildren(agendaByDay(agenda.items));
      const period = `van ${shortDay.format(new Date(`${agenda.from}T12:00:00Z`))} tot en met ${shortDay.format(new Date(`${agenda.to}T12:00:00Z`))}`;
      agendaStatus.textContent =
        agenda.count === 0
          ? `Geen activiteiten in ${where} ${period}.`
          : `${agenda.count} ${agenda.count === 1 ? "datum" : "datums"} in ${where} ${period}.`;
    } catch (error) {
      if (request.signal.aborted) {
        return;
      }
      agendaResults.replaceChildren();
      agendaStatus.textContent = `De agenda kon niet worden geladen: ${explain(error)}`;
    } finally {
      if (agendaRequest === request) {
        agendaResults.removeAttribute("aria-busy");
      }
    }
  }

  async function search() {
    searchRequest?.abort();
    const request = new AbortController();
    searchRequest = request;
    const words = searchInput.value.trim();
    searchStatus.textContent = "Zoeken…";
    try {
      const answer = await client.organisations(
        { q: words, nu_open: openNow.checked, limit: 20 },
        request.signal,
      );
      searchResults.replaceChildren(...answer.items.map(organisationItem));
      const found =
        answer.count === 1
          ? "1 organisatie gevonden"
          : `${answer.count} organisaties gevonden`;
      const shown =
        answer.count > answer.items.length
          ? `, de eerste ${answer.items.length} staan hieronder`
          : "";
      searchStatus.textContent = words
        ? `${found} voor ‘${words}’${shown}.`
        : `${found}${shown}.`;
    } catch (error) {
      if (request.signal.aborted) {
        return;
      }
      searchResults.replaceChildren();
      searchStatus.textContent = `Zoeken lukte niet: ${explain(error)}`;
    }
  }

  agendaForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set("wijk", wijkSelect.value);
    window.history.replaceState(null, "", url);
    showAgenda(wijkSelect.value);
  });
  searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });

  client
    .neighbourhoods()
    .then((answer) => {
      for (const wijk of answer.items) {
        wijkNames.set(wijk.slug, wijk.name);
        wijkSelect.append(el("option", { value: wijk.slug }, wijk.name));
      }
      wijkSelect.value = wijkNames.has(config.wijk) ? config.wijk : "";
      wijkSelect.disabled = false;
      if (config.wijk) {
        showAgenda(config.wijk);
      }
    })
    .catch((error) => {
      agendaStatus.textContent = `De wijken konden niet worden geladen: ${explain(error)}`;
    });
}

main();
