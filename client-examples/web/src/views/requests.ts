/**
 * « Mes demandes » (guide, sections 4 and 5): the family's requests, in progress or
 * processed, each with its status — which changes live as the collectivity decides
 * (requestStatusChanged), without reloading the page — and its unread messages.
 */
import { html, render } from "lit-html";
import { request, subscribe } from "../api";
import * as fmt from "../format";
import type { RequestStateGroup, WebRequestsQuery } from "../gql/graphql";
import { MessagesMarkReadDocument, RequestStatusChangedDocument, RequestsDocument } from "../operations";
import { go, href } from "../router";
import { announce, errorBox, focusHeading, loading, messageOf } from "../ui";

type Row = WebRequestsQuery["requests"]["edges"][number]["node"];

export function describe(r: Row): string {
  const what = [r.typeLabel, r.activity?.name, r.child?.firstName].filter(Boolean).join(" — ");
  if (r.periodStart && r.periodEnd) {
    return r.periodStart === r.periodEnd
      ? `${what} (${fmt.date(r.periodStart)})`
      : `${what} (du ${fmt.date(r.periodStart)} au ${fmt.date(r.periodEnd)})`;
  }
  return what;
}

export function mountRequests(main: HTMLElement, params: URLSearchParams): () => void {
  const group = (params.get("etat") ?? "") as RequestStateGroup | "";
  let rows: Row[] | undefined;
  let total = 0;
  let error: string | undefined;
  const changed = new Set<string>();
  let reloadTimer: number | undefined;

  async function load(): Promise<void> {
    try {
      const { requests } = await request(RequestsDocument, {
        where: group ? { stateGroup: group } : null,
        order: "NEWEST_FIRST",
        first: 50,
      });
      rows = requests.edges.map((e) => e.node);
      total = requests.totalCount;
      error = undefined;
    } catch (e) {
      error = messageOf(e);
    }
    draw();
  }

  async function markAllRead(): Promise<void> {
    const unread = (rows ?? []).filter((r) => r.unreadMessageCount > 0).map((r) => r.id);
    if (!unread.length) {
      return;
    }
    try {
      await request(MessagesMarkReadDocument, { requests: unread });
      await load();
      announce("Messages marqués comme lus.");
    } catch (e) {
      error = messageOf(e);
      draw();
    }
  }

  function draw(): void {
    render(
      html`<h1>Mes demandes${rows ? ` (${total} résultat${total > 1 ? "s" : ""})` : ""}</h1>
        <div class="toolbar">
          <label for="state-filter">État</label>
          <select id="state-filter" @change=${(e: Event) => go("/demandes", { etat: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!group}>Tous</option>
            <option value="IN_PROGRESS" ?selected=${group === "IN_PROGRESS"}>En cours</option>
            <option value="PROCESSED" ?selected=${group === "PROCESSED"}>Traité</option>
          </select>
          <button type="button" class="secondary" @click=${() => void markAllRead()}>Tout marquer comme lu</button>
        </div>
        ${errorBox(error)}
        ${!rows
          ? loading()
          : html`<div class="table-wrap"><table class="requests stack">
              <caption class="visually-hidden">Vos demandes, la plus récente d'abord</caption>
              <thead><tr><th scope="col">Réf.</th><th scope="col">Date</th><th scope="col">Description</th><th scope="col">Statut</th><th scope="col">Messages</th></tr></thead>
              <tbody>
                ${rows.map(
                  (r) => html`<tr data-request=${r.id} class=${changed.has(r.id) ? "changed" : ""}>
                    <td data-label="Réf."><a href=${href("/demande", { id: r.id })}>${r.referenceLabel}</a></td>
                    <td data-label="Date">${fmt.dateTime(r.createdAt)}</td>
                    <td data-label="Description">${describe(r)}</td>
                    <td data-label="Statut" class="status" data-status=${r.status}>${r.statusLabel}</td>
                    <td data-label="Messages">${r.unreadMessageCount ? html`<strong>${r.unreadMessageCount} nouveau(x) message(s)</strong>` : ""}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>`}`,
      main,
    );
  }

  draw();
  focusHeading();
  void load();
  const stop = subscribe(
    RequestStatusChangedDocument,
    { after: null },
    (d) => d.requestStatusChanged.cursor,
    ({ requestStatusChanged: event }) => {
      announce(`Demande ${event.referenceLabel} : ${event.stepLabel} — ${event.statusLabel}`);
      const row = rows?.find((r) => r.id === event.request?.id);
      if (row && event.request) {
        row.status = event.request.status;
        row.statusLabel = event.request.statusLabel;
        changed.add(row.id);
        draw();
      }
      // New requests, counts and unread messages: read the list again (once per burst).
      window.clearTimeout(reloadTimer);
      reloadTimer = window.setTimeout(() => void load(), 500);
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
