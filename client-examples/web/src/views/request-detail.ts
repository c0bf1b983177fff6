/**
 * One request: its dates and their statuses, the requested changes, its history and its
 * messages (read here: marked as read; a reply can be posted). A parent may cancel it
 * while it is undecided. Staff reach the same page from the inbox.
 */
import { html, render } from "lit-html";
import { isStaff, request, session, subscribe } from "../api";
import * as fmt from "../format";
import type { WebRequestDetailQuery } from "../gql/graphql";
import {
  MessagePostDocument,
  MessagesMarkReadDocument,
  RequestCancelDocument,
  RequestDetailDocument,
  RequestStatusChangedDocument,
} from "../operations";
import { href } from "../router";
import { announce, errorBox, focusHeading, loading, messageOf } from "../ui";

type Detail = Extract<NonNullable<WebRequestDetailQuery["node"]>, { referenceLabel: string }>;

export function mountRequestDetail(main: HTMLElement, params: URLSearchParams): () => void {
  const id = params.get("id") ?? "";
  const staff = isStaff(session());
  let detail: Detail | undefined;
  let error: string | undefined;
  let busy = false;
  let key = fmt.idempotencyKey();

  async function load(): Promise<void> {
    try {
      const { node } = await request(RequestDetailDocument, { id });
      if (!node || !("referenceLabel" in node)) {
        error = "Demande introuvable.";
      } else {
        detail = node as Detail;
        if (detail.unreadMessageCount > 0) {
          await request(MessagesMarkReadDocument, { requests: [id] });
        }
      }
    } catch (e) {
      error = messageOf(e);
    }
    draw();
  }

  async function post(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = String(new FormData(form).get("body") ?? "").trim();
    if (!body) {
      return;
    }
    busy = true;
    draw();
    try {
      const { requestMessagePost } = await request(MessagePostDocument, {
        input: { request: id, body, idempotencyKey: key },
      });
      const refused = requestMessagePost.errors[0];
      if (refused) {
        error = refused.message;
      } else {
        form.reset();
        key = fmt.idempotencyKey();
        announce("Message envoyé.");
        await load();
      }
    } catch (e) {
      error = messageOf(e);
    }
    busy = false;
    draw();
  }

  async function cancel(): Promise<void> {
    busy = true;
    draw();
    try {
      const refused = (await request(RequestCancelDocument, { request: id })).requestCancel.errors[0];
      error = refused?.message;
      if (!refused) {
        announce("Demande annulée.");
      }
      await load();
    } catch (e) {
      error = messageOf(e);
    }
    busy = false;
    draw();
  }

  function draw(): void {
    if (!detail) {
      render(html`<h1>Demande</h1>${errorBox(error)}${error ? "" : loading()}`, main);
      return;
    }
    const d = detail;
    const open = d.status === "PENDING" || d.status === "TRANSMITTED";
    render(
      html`<h1>Demande ${d.referenceLabel}</h1>
        <p><a href=${href(staff ? "/agent/demandes" : "/demandes")}>← ${staff ? "Demandes à traiter" : "Mes demandes"}</a></p>
        ${errorBox(error)}
        <section class="card">
          <dl class="facts">
            <dt>Type</dt><dd>${d.typeLabel}</dd>
            <dt>Statut</dt><dd class="status" data-status=${d.status}>${d.statusLabel}</dd>
            ${d.child ? html`<dt>Enfant</dt><dd>${d.child.firstName} ${d.child.lastName}</dd>` : ""}
            ${d.activity ? html`<dt>Activité</dt><dd>${d.activity.name} (${d.activity.establishment.name})</dd>` : ""}
            ${d.periodStart ? html`<dt>Période</dt><dd>du ${fmt.date(d.periodStart)} au ${fmt.date(d.periodEnd)}</dd>` : ""}
            ${d.reason ? html`<dt>Raison</dt><dd>${d.reason}</dd>` : ""}
            ${d.comment ? html`<dt>Commentaire</dt><dd>${d.comment}</dd>` : ""}
          </dl>
          ${open && !staff
            ? html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => void cancel()}>Annuler la demande</button>`
            : ""}
        </section>
        ${d.lines.length
          ? html`<section class="card"><h2>Dates</h2><ul>
              ${d.lines.map((l) => html`<li>${fmt.dayLong(l.date)} — ${l.actionLabel} : <strong>${l.statusLabel}</strong>${l.message ? ` (${l.message})` : ""}</li>`)}
            </ul></section>`
          : ""}
        ${d.changes.length
          ? html`<section class="card"><h2>Modifications demandées</h2><ul>
              ${d.changes.map((c) => html`<li>${c.label} : ${c.currentValue ?? "—"} → <mark>${c.proposedValue ?? "—"}</mark></li>`)}
            </ul></section>`
          : ""}
        <section class="card"><h2>Historique de la demande</h2><ol class="history">
          ${d.history.map((h) => html`<li><time datetime=${h.at}>${fmt.dateTime(h.at)}</time> — ${h.label}${h.label.includes(h.statusLabel) ? "" : html`<br />Statut : ${h.statusLabel}`}${h.note ? html`<br />${h.note}` : ""}</li>`)}
        </ol></section>
        <section class="card" aria-labelledby="messages-title"><h2 id="messages-title">Messages</h2>
          ${d.messages.length
            ? html`<ol class="messages">
                ${d.messages.map((m) => html`<li class=${m.fromStaff ? "from-staff" : "from-family"}>
                  <p class="muted">${m.fromStaff ? "La collectivité" : "La famille"} — ${fmt.dateTime(m.createdAt)}${m.subject ? ` — ${m.subject}` : ""}</p>
                  <p class="message-body">${m.body}</p>
                </li>`)}
              </ol>`
            : html`<p class="muted">Aucun message.</p>`}
          <form @submit=${(e: SubmitEvent) => void post(e)}>
            <label for="message-body">Votre message</label>
            <textarea id="message-body" name="body" rows="3" maxlength="2000" required></textarea>
            <button type="submit" ?disabled=${busy}>Envoyer</button>
          </form>
        </section>`,
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
      if (event.request?.id === id) {
        void load();
      }
    },
  );
  return stop;
}
