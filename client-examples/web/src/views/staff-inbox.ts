/**
 * The staff inbox: requests in progress, first come first served. Requests arrive and
 * leave live (staffInbox subscription: the list is read again on each event, no reload);
 * each undecided line is accepted or refused on its own (a refusal needs a message).
 */
import { html, render } from "lit-html";
import { request, subscribe } from "../api";
import * as fmt from "../format";
import type { WebRequestsQuery } from "../gql/graphql";
import { RequestAcceptDocument, RequestRefuseDocument, RequestsDocument, StaffInboxDocument } from "../operations";
import { href } from "../router";
import { announce, errorBox, focusHeading, loading, messageOf } from "../ui";
import { describe } from "./requests";

type Row = WebRequestsQuery["requests"]["edges"][number]["node"];
type Line = Row["lines"][number];

const UNDECIDED = new Set(["PENDING", "WAITING_LIST"]);

export function mountStaffInbox(main: HTMLElement): () => void {
  let rows: Row[] | undefined;
  let total = 0;
  let error: string | undefined;
  let notice: string | undefined;
  let refusing = ""; // the line whose refusal message is being written
  let busy = "";
  let reloadTimer: number | undefined;

  async function load(): Promise<void> {
    try {
      const { requests } = await request(RequestsDocument, {
        where: { stateGroup: "IN_PROGRESS" },
        order: "OLDEST_FIRST",
        first: 50,
      });
      rows = requests.edges.map((e) => e.node);
      total = requests.totalCount;
    } catch (e) {
      error = messageOf(e);
    }
    draw();
  }

  async function accept(row: Row, line: Line | undefined): Promise<void> {
    busy = line?.id ?? row.id;
    error = undefined;
    draw();
    try {
      const input = { request: row.id, lines: line ? [line.id] : null };
      const refused = (await request(RequestAcceptDocument, { input })).requestAccept.errors[0];
      if (refused) {
        error = refused.message;
      } else {
        notice = `Demande ${row.referenceLabel} : ${line ? `${fmt.dayLong(line.date)} acceptée` : "acceptée"}.`;
        announce(notice);
      }
      await load();
    } catch (e) {
      error = messageOf(e);
    }
    busy = "";
    draw();
  }

  async function refuse(event: SubmitEvent, row: Row, line: Line | undefined): Promise<void> {
    event.preventDefault();
    const message = String(new FormData(event.target as HTMLFormElement).get("message") ?? "").trim();
    busy = line?.id ?? row.id;
    error = undefined;
    draw();
    try {
      const input = { request: row.id, lines: line ? [line.id] : null, message };
      const refused = (await request(RequestRefuseDocument, { input })).requestRefuse.errors[0];
      if (refused) {
        error = refused.message;
      } else {
        refusing = "";
        notice = `Demande ${row.referenceLabel} : ${line ? `${fmt.dayLong(line.date)} refusée` : "refusée"}.`;
        announce(notice);
      }
      await load();
    } catch (e) {
      error = messageOf(e);
    }
    busy = "";
    draw();
  }

  function decision(row: Row, line: Line | undefined, what: string) {
    const id = line?.id ?? row.id;
    return html`<span class="decision">
      ${line && line.status !== "PENDING"
        ? "" // a waiting-list line is promoted when a place frees up, not accepted here
        : html`<button type="button" ?disabled=${busy === id} @click=${() => void accept(row, line)} aria-label=${`Accepter ${what}`}>Accepter</button>`}
      <button type="button" class="secondary" ?disabled=${busy === id} @click=${() => { refusing = id; draw(); main.querySelector<HTMLElement>(`#refuse-${CSS.escape(id)}`)?.focus(); }} aria-label=${`Refuser ${what}`}>Refuser</button>
      ${refusing === id
        ? html`<form class="inline" @submit=${(e: SubmitEvent) => void refuse(e, row, line)}>
            <label for=${`refuse-${id}`}>Motif du refus (envoyé à la famille)</label>
            <input id=${`refuse-${id}`} name="message" required maxlength="500" />
            <button type="submit">Confirmer le refus</button>
            <button type="button" class="link" @click=${() => { refusing = ""; draw(); }}>Annuler</button>
          </form>`
        : ""}
    </span>`;
  }

  function draw(): void {
    render(
      html`<h1>Demandes à traiter${rows ? ` (${total})` : ""}</h1>
        <p class="muted">Mise à jour en direct : les nouvelles demandes arrivent et les demandes traitées disparaissent sans recharger la page.</p>
        ${errorBox(error)} ${notice ? html`<p class="notice">${notice}</p>` : ""}
        ${!rows
          ? loading()
          : rows.length === 0
            ? html`<p>Aucune demande en attente.</p>`
            : html`<ol class="inbox">
                ${rows.map((r) => {
                  const open = r.lines.filter((l) => UNDECIDED.has(l.status));
                  return html`<li class="card" data-request=${r.id}>
                    <h2><a href=${href("/agent/demande", { id: r.id })}>Demande ${r.referenceLabel}</a> — ${r.family?.name ?? ""}</h2>
                    <p>${describe(r)} · reçue le ${fmt.dateTime(r.createdAt)} · <span class="status">${r.statusLabel}</span></p>
                    ${open.length
                      ? html`<ul class="lines">
                          ${open.map((l) => html`<li data-line=${l.id}>
                            <span>${fmt.dayLong(l.date)}${l.slot ? ` ${fmt.time(l.slot.startTime)} – ${fmt.time(l.slot.endTime)}` : ""} — ${l.child?.firstName ?? ""} — ${l.actionLabel} : ${l.statusLabel}</span>
                            ${decision(r, l, `le ${fmt.dayLong(l.date)} de la demande ${r.referenceLabel}`)}
                          </li>`)}
                        </ul>`
                      : html`<div>${decision(r, undefined, `la demande ${r.referenceLabel}`)}</div>`}
                  </li>`;
                })}
              </ol>`}`,
      main,
    );
  }

  draw();
  focusHeading();
  void load();
  const stop = subscribe(
    StaffInboxDocument,
    { after: null },
    (d) => d.staffInbox.cursor,
    ({ staffInbox: event }) => {
      announce(`Demande ${event.referenceLabel} : ${event.stepLabel}`);
      window.clearTimeout(reloadTimer);
      reloadTimer = window.setTimeout(() => void load(), 300);
    },
    (message) => {
      error = message;
      draw();
    },
  );
  return () => {
    window.clearTimeout(reloadTimer);
    stop();
  };
}
