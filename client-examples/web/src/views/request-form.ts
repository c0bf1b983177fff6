/**
 * Reservation or absence over one day or a period (guide, section 3.1.2): child, activity,
 * dates, weekdays, slot. « Voir l'aperçu » runs the request's dry run (outcome, price and
 * message per date); « Confirmer » sends the same input with an idempotency key.
 */
import { html, render, type TemplateResult } from "lit-html";
import { request } from "../api";
import * as fmt from "../format";
import type {
  AbsenceRequestCreateInput,
  ReservationRequestCreateInput,
  WebFamilyChildrenQuery,
  WebAbsenceCreateMutation,
  WebAbsencePreviewMutation,
  WebReservationCreateMutation,
  WebReservationPreviewMutation,
} from "../gql/graphql";
import {
  AbsenceCreateDocument,
  AbsencePreviewDocument,
  FamilyChildrenDocument,
  ReservationCreateDocument,
  ReservationPreviewDocument,
} from "../operations";
import { href } from "../router";
import { announce, errorBox, focusHeading, loading, messageOf } from "../ui";

type Kind = "reservation" | "absence";
type Child = NonNullable<WebFamilyChildrenQuery["viewer"]["family"]>["children"][number];
type Preview =
  | WebReservationPreviewMutation["reservationRequestPreview"]
  | WebAbsencePreviewMutation["absenceRequestPreview"];
type Created =
  | WebReservationCreateMutation["reservationRequestCreate"]
  | WebAbsenceCreateMutation["absenceRequestCreate"];

interface Choice {
  child: string;
  activity: string;
  from: string;
  to: string;
  weekdays: string[];
  slot: string;
  text: string;
}

export function mountRequestForm(main: HTMLElement, params: URLSearchParams, kind: Kind): () => void {
  const day = params.get("date") ?? "";
  const choice: Choice = {
    child: params.get("enfant") ?? "",
    activity: params.get("activite") ?? "",
    from: day,
    to: day,
    weekdays: [],
    slot: params.get("creneau") ?? "",
    text: "",
  };
  let children: Child[] | undefined;
  let preview: Preview | undefined;
  let created: Created | undefined;
  let error: string | undefined;
  let busy = false;
  let key = fmt.idempotencyKey();
  const title = kind === "reservation" ? "Réservation d'activité" : "Déclaration d'absence";

  function registrations(): Child["registrations"] {
    const child = children?.find((c) => c.id === choice.child);
    // Registrations still running: last school year's are over and cannot be booked.
    const today = fmt.today();
    return (child?.registrations ?? []).filter((r) => r.status === "ACTIVE" && r.endDate >= today);
  }

  function input(): ReservationRequestCreateInput & AbsenceRequestCreateInput {
    const single = choice.from === choice.to;
    const base = {
      children: [choice.child],
      activity: choice.activity,
      slots: choice.slot ? [choice.slot] : null,
      idempotencyKey: key,
      ...(single ? { date: choice.from } : { dates: { gte: choice.from, lte: choice.to } }),
      ...(!single && choice.weekdays.length ? { weekdays: choice.weekdays as fmt.WeekdayCode[] } : {}),
    };
    if (kind === "absence") {
      return { ...base, reason: choice.text || null };
    }
    return { ...base, comment: choice.text || null };
  }

  async function runPreview(): Promise<void> {
    busy = true;
    error = undefined;
    created = undefined;
    draw();
    try {
      const variables = { input: input() };
      preview =
        kind === "reservation"
          ? (await request(ReservationPreviewDocument, variables)).reservationRequestPreview
          : (await request(AbsencePreviewDocument, variables)).absenceRequestPreview;
      announce(`Aperçu : ${preview.lines.length} date(s).`);
    } catch (e) {
      error = messageOf(e);
    }
    busy = false;
    draw();
    main.querySelector<HTMLElement>("#preview-title")?.focus();
  }

  async function confirm(): Promise<void> {
    busy = true;
    error = undefined;
    draw();
    try {
      const variables = { input: input() };
      created =
        kind === "reservation"
          ? (await request(ReservationCreateDocument, variables)).reservationRequestCreate
          : (await request(AbsenceCreateDocument, variables)).absenceRequestCreate;
      preview = undefined;
      key = fmt.idempotencyKey(); // the next request is a new one
      announce(created.request ? `Demande ${created.request.referenceLabel} enregistrée.` : "Demande refusée.");
    } catch (e) {
      error = messageOf(e);
    }
    busy = false;
    draw();
    main.querySelector<HTMLElement>("#result-title")?.focus();
  }

  function change(field: keyof Choice, value: string): void {
    if (field === "weekdays") {
      choice.weekdays = choice.weekdays.includes(value)
        ? choice.weekdays.filter((d) => d !== value)
        : [...choice.weekdays, value];
    } else {
      choice[field] = value;
    }
    if (field === "child") {
      choice.activity = "";
      choice.slot = "";
    }
    if (field === "activity") {
      choice.slot = "";
    }
    if (field === "from" && (!choice.to || choice.to < value)) {
      choice.to = value;
    }
    preview = undefined;
    created = undefined;
    draw();
  }

  function previewView(): TemplateResult | string {
    if (!preview) {
      return "";
    }
    const possible = preview.errors.length === 0 && preview.lines.some((l) => l.outcome !== "REJECTED");
    return html`<section class="card" aria-labelledby="preview-title">
      <h2 id="preview-title" tabindex="-1">Aperçu de la demande</h2>
      ${preview.errors.map((e) => html`<p class="error" role="alert">${e.message}</p>`)}
      ${preview.lines.length
        ? html`<div class="table-wrap"><table class="stack">
            <caption class="visually-hidden">Résultat prévu pour chaque date</caption>
            <thead><tr><th scope="col">Date</th><th scope="col">Créneau</th><th scope="col">Résultat</th><th scope="col">Prix</th><th scope="col">Détail</th></tr></thead>
            <tbody>
              ${preview.lines.map(
                (l) => html`<tr class=${`outcome-${l.outcome}`}>
                  <td data-label="Date">${fmt.dayShort(l.date)}</td>
                  <td data-label="Créneau">${l.slot ? `${fmt.time(l.slot.startTime)} – ${fmt.time(l.slot.endTime)}` : "—"}</td>
                  <td data-label="Résultat">${l.outcomeLabel}</td>
                  <td data-label=${kind === "absence" ? "Facturation" : "Prix"}>${kind === "absence" ? (l.absenceWouldBeBilled ? "facturée" : "non facturée") : fmt.money(l.priceCents)}</td>
                  <td data-label="Détail">${l.message}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>
          ${kind === "reservation"
            ? html`<p>
                ${preview.lines.filter((l) => l.outcome !== "REJECTED").length} date(s) sur
                ${preview.lines.length} — montant estimé :
                <strong>${fmt.money(preview.lines.filter((l) => l.outcome !== "REJECTED").reduce((sum, l) => sum + (l.priceCents ?? 0), 0))}</strong>
              </p>`
            : ""}`
        : ""}
      ${possible
        ? html`<button type="button" class="primary" ?disabled=${busy} @click=${() => void confirm()}>
            Confirmer la demande
          </button>`
        : html`<p>Aucune date ne peut être demandée : modifiez votre choix.</p>`}
    </section>`;
  }

  function createdView(): TemplateResult | string {
    if (!created) {
      return "";
    }
    return html`<section class="card success" aria-labelledby="result-title">
      <h2 id="result-title" tabindex="-1">
        ${created.request ? `Demande ${created.request.referenceLabel} : ${created.request.statusLabel}` : "Demande non enregistrée"}
      </h2>
      ${created.errors.map((e) => html`<p class="error" role="alert">${e.message}</p>`)}
      <ul>
        ${created.lines.map((l) => html`<li>${fmt.dayLong(l.date)} : ${l.outcomeLabel}${l.message ? ` — ${l.message}` : ""}</li>`)}
      </ul>
      <p><a href=${href("/demandes")}>Suivre mes demandes</a> · <a href=${href("/planning", { mois: choice.from.slice(0, 7) })}>Retour au planning</a></p>
    </section>`;
  }

  function draw(): void {
    if (!children) {
      render(html`<h1>${title}</h1>${errorBox(error)}${loading()}`, main);
      return;
    }
    const regs = registrations();
    const activity = regs.find((r) => r.activity.id === choice.activity)?.activity;
    const period = choice.from !== "" && choice.to !== "" && choice.from !== choice.to;
    const ready = choice.child && choice.activity && choice.from && choice.to;
    render(
      html`<h1>${title}</h1>
        <form class="card" @submit=${(e: Event) => { e.preventDefault(); void runPreview(); }}>
          ${errorBox(error)}
          <label for="f-child">1. Enfant</label>
          <select id="f-child" required @change=${(e: Event) => change("child", (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!choice.child}>Choisir un enfant</option>
            ${children.map((c) => html`<option value=${c.id} ?selected=${c.id === choice.child}>${c.firstName} ${c.lastName}</option>`)}
          </select>
          <label for="f-activity">2. Activité</label>
          <select id="f-activity" required ?disabled=${!choice.child} @change=${(e: Event) => change("activity", (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!choice.activity}>Choisir une activité</option>
            ${regs.map((r) => html`<option value=${r.activity.id} ?selected=${r.activity.id === choice.activity}>${r.activity.name}</option>`)}
          </select>
          ${activity ? html`<p class="muted">Inscription du ${fmt.date(regs.find((r) => r.activity.id === choice.activity)?.startDate)} au ${fmt.date(regs.find((r) => r.activity.id === choice.activity)?.endDate)}</p>` : ""}
          <fieldset>
            <legend>3. Dates</legend>
            <div class="row">
              <span><label for="f-from">Du</label>
              <input id="f-from" type="date" required .value=${choice.from} @change=${(e: Event) => change("from", (e.target as HTMLInputElement).value)} /></span>
              <span><label for="f-to">Au</label>
              <input id="f-to" type="date" required .value=${choice.to} min=${choice.from} @change=${(e: Event) => change("to", (e.target as HTMLInputElement).value)} /></span>
            </div>
            ${period
              ? html`<fieldset class="weekdays"><legend>Jours (aucun coché : tous)</legend>
                  ${fmt.WEEKDAYS.slice(0, 5).map(([code, label]) => html`<label class="check"><input type="checkbox" .checked=${choice.weekdays.includes(code)} @change=${() => change("weekdays", code)} /> ${label}</label>`)}
                </fieldset>`
              : ""}
          </fieldset>
          ${activity && activity.slots.length > 1
            ? html`<label for="f-slot">Créneau</label>
                <select id="f-slot" @change=${(e: Event) => change("slot", (e.target as HTMLSelectElement).value)}>
                  <option value="" ?selected=${!choice.slot}>Tous les créneaux de l'activité</option>
                  ${activity.slots.map((s) => html`<option value=${s.id} ?selected=${s.id === choice.slot}>${fmt.weekdayLabel(s.weekday)} ${fmt.time(s.startTime)} – ${fmt.time(s.endTime)}</option>`)}
                </select>`
            : ""}
          <label for="f-text">${kind === "absence" ? "Motif (facultatif)" : "Commentaire (facultatif)"}</label>
          <input id="f-text" type="text" maxlength="500" .value=${choice.text} @change=${(e: Event) => change("text", (e.target as HTMLInputElement).value)} />
          <button type="submit" ?disabled=${!ready || busy}>${busy ? "Patientez…" : "Voir l'aperçu"}</button>
        </form>
        ${previewView()} ${createdView()}`,
      main,
    );
  }

  draw();
  focusHeading();
  void (async () => {
    try {
      children = (await request(FamilyChildrenDocument, {})).viewer.family?.children ?? [];
      if (!choice.child && children.length === 1) {
        choice.child = children[0]!.id;
      }
    } catch (e) {
      error = messageOf(e);
    }
    draw();
    if (choice.child && choice.activity && choice.from) {
      await runPreview(); // from the planning: the day is chosen, show what it would do
    }
  })();
  return () => undefined;
}
