/**
 * One slot of the planning (guide, section 3.1.1: « un historique des actions est disponible
 * en cliquant sur celui-ci »): its status, deadlines, what can be done now and why not, and
 * every action on it, oldest first, each request linked.
 */
import { html, render } from "lit-html";
import { request } from "../api";
import * as fmt from "../format";
import type { WebOccurrenceQuery } from "../gql/graphql";
import { OccurrenceDocument } from "../operations";
import { href } from "../router";
import { errorBox, focusHeading, loading, messageOf, statusSymbol } from "../ui";

type Occurrence = WebOccurrenceQuery["planning"]["occurrences"][number];

export function mountOccurrence(main: HTMLElement, params: URLSearchParams): () => void {
  const date = params.get("date") ?? "";
  const child = params.get("enfant") ?? "";
  const activity = params.get("activite") ?? "";
  const slot = params.get("creneau") ?? "";
  let occurrence: Occurrence | undefined;
  let error: string | undefined;

  function draw(): void {
    const o = occurrence;
    if (!o) {
      render(html`<h1>Créneau du ${date ? fmt.dayLong(date) : "—"}</h1>${errorBox(error)}${error ? "" : loading()}`, main);
      return;
    }
    const target = { enfant: o.child.id, activite: o.activity.id, date: o.date, creneau: o.slotId };
    render(
      html`<h1>${o.activity.name} — ${o.child.firstName}, ${fmt.dayLong(o.date)}</h1>
        <p><a href=${href("/planning", { mois: o.date.slice(0, 7) })}>← Planning</a></p>
        <section class="card">
          <p class="slot status-${o.status}">
            <span class="symbol" aria-hidden="true">${statusSymbol(o.status)}</span>
            <span>${o.statusLabel}</span><span class="slot-time">${fmt.time(o.startTime)} – ${fmt.time(o.endTime)}</span>
          </p>
          <dl class="facts">
            <dt>Réservation possible jusqu'au</dt><dd>${fmt.dateTime(o.bookingDeadline)}</dd>
            <dt>Annulation sans frais jusqu'au</dt><dd>${fmt.dateTime(o.cancellationDeadline)}</dd>
          </dl>
          ${o.canReserve ? html`<a class="button" href=${href("/reservation", target)}>Réserver</a>` : ""}
          ${o.canCancel
            ? html`<a class="button" href=${href("/absence", target)}>Déclarer une absence${o.absenceWouldBeBilled ? " (facturée)" : ""}</a>`
            : ""}
          ${!o.canReserve && !o.canCancel
            ? html`<p class="muted">Aucune demande possible : ${fmt.lowerFirst(o.cancelBlockerLabel ?? o.reserveBlockerLabel ?? "—")}.</p>`
            : ""}
          ${o.pendingRequest
            ? html`<p>En attente de validation :
                <a href=${href("/demande", { id: o.pendingRequest })}>demande ${o.pendingRequestReference ?? ""}</a>.</p>`
            : ""}
        </section>
        <section class="card" aria-labelledby="history-title">
          <h2 id="history-title">Historique</h2>
          ${o.history.length
            ? html`<ol class="history">
                ${o.history.map(
                  (h) => html`<li>
                    <time datetime=${h.occurredAt}>${fmt.dateTime(h.occurredAt)}</time> — ${h.kindLabel}
                    ${h.request && h.requestReference
                      ? html`(<a href=${href("/demande", { id: h.request })}>demande ${h.requestReference}</a>)`
                      : ""}
                  </li>`,
                )}
              </ol>`
            : html`<p class="muted">Aucune action sur ce créneau.</p>`}
        </section>`,
      main,
    );
  }

  draw();
  focusHeading();
  void (async () => {
    try {
      const { planning } = await request(OccurrenceDocument, { date, child, activity });
      occurrence = planning.occurrences.find((o) => o.slotId === slot && o.child.id === child);
      if (!occurrence) {
        error = "Ce créneau n'existe pas (ou plus) dans le planning.";
      }
    } catch (e) {
      error = messageOf(e);
    }
    draw();
    focusHeading();
  })();
  return () => undefined;
}
