/**
 * The month planning (guide, section 3): every slot occurrence of the children's
 * activities with its status, symbol and legend; one child or all. An occurrence that can
 * be reserved leads to the reservation form (preview, then confirm), a reserved one to the
 * absence form. Changes arrive live (planningChanged) and the month is read again.
 */
import { html, render, type TemplateResult } from "lit-html";
import { request, subscribe } from "../api";
import * as fmt from "../format";
import type { WebPlanningQuery } from "../gql/graphql";
import { FamilyChildrenDocument, PlanningChangedDocument, PlanningDocument } from "../operations";
import { go, href } from "../router";
import { errorBox, focusHeading, legend, loading, messageOf, statusSymbol } from "../ui";

type Occurrence = WebPlanningQuery["planning"]["occurrences"][number];

export function mountPlanning(main: HTMLElement, params: URLSearchParams): () => void {
  const month = params.get("mois") ?? fmt.today().slice(0, 7);
  const child = params.get("enfant") ?? "";
  let children: Array<{ id: string; firstName: string }> = [];
  let occurrences: Occurrence[] | undefined;
  let error: string | undefined;
  let firstRender = true;
  let reloadTimer: number | undefined;

  async function load(): Promise<void> {
    try {
      const [family, planning] = await Promise.all([
        children.length ? undefined : request(FamilyChildrenDocument, {}),
        request(PlanningDocument, {
          from: `${month}-01`,
          to: fmt.lastDayOfMonth(month),
          children: child ? [child] : null,
        }),
      ]);
      if (family) {
        children = family.viewer.family?.children ?? [];
      }
      occurrences = planning.planning.occurrences;
      error = undefined;
    } catch (e) {
      error = messageOf(e);
    }
    draw();
    if (firstRender && occurrences) {
      firstRender = false;
      performance.mark("creneau:planning-rendered");
      main.querySelector(".planning")?.setAttribute("data-rendered", "1");
    }
  }

  function occurrenceView(o: Occurrence): TemplateResult {
    const label = `${o.activity.name}, ${fmt.time(o.startTime)} – ${fmt.time(o.endTime)}, ${o.child.firstName} : ${o.statusLabel}`;
    const body = html`<span class="symbol" aria-hidden="true">${statusSymbol(o.status)}</span>
      <span class="slot-name">${o.activity.name}</span>
      <span class="slot-time">${fmt.time(o.startTime)} – ${fmt.time(o.endTime)}</span>
      <span class="slot-child">${o.child.firstName}</span>`;
    const target = {
      enfant: o.child.id,
      activite: o.activity.id,
      date: o.date,
      creneau: o.slotId,
    };
    if (o.canReserve) {
      const more = o.reserveWouldWaitList ? " (liste d'attente)" : "";
      return html`<a
        class="slot status-${o.status}"
        href=${href("/reservation", target)}
        aria-label=${`${label}. Réserver${more}`}
        title=${`${o.statusLabel} — réserver${more}`}
        >${body}</a
      >`;
    }
    if (o.canCancel) {
      const billed = o.absenceWouldBeBilled ? " (absence facturée)" : "";
      return html`<a
        class="slot status-${o.status}"
        href=${href("/absence", target)}
        aria-label=${`${label}. Déclarer une absence${billed}`}
        title=${`${o.statusLabel} — déclarer une absence${billed}`}
        >${body}</a
      >`;
    }
    // Nothing to ask on this one: the link shows its status, deadlines and history.
    const why = o.reserveBlockerLabel && o.status === "AVAILABLE" ? ` (${o.reserveBlockerLabel})` : "";
    return html`<a
      class="slot status-${o.status}"
      href=${href("/creneau", target)}
      aria-label=${`${label}${why}. Historique`}
      title=${`${o.statusLabel}${why} — historique`}
      >${body}</a
    >`;
  }

  function days(): TemplateResult {
    if (!occurrences) {
      return loading();
    }
    if (!occurrences.length) {
      return html`<p>Aucune activité ce mois-ci.</p>`;
    }
    const byDay = new Map<string, Occurrence[]>();
    for (const o of occurrences) {
      byDay.set(o.date, [...(byDay.get(o.date) ?? []), o]);
    }
    return html`<ol class="days">
      ${[...byDay.entries()].map(
        ([day, list]) => html`<li class="day">
          <h3>${fmt.dayLong(day)}</h3>
          <ul>
            ${list.map((o) => html`<li>${occurrenceView(o)}</li>`)}
          </ul>
        </li>`,
      )}
    </ol>`;
  }

  function draw(): void {
    render(
      html`<h1>Planning des activités — ${fmt.month(month)}</h1>
        <div class="toolbar">
          <a class="button secondary" href=${href("/planning", { mois: fmt.addMonths(month, -1), enfant: child })}
            >← <span class="visually-hidden">Mois précédent : </span>${fmt.month(fmt.addMonths(month, -1))}</a
          >
          <a class="button secondary" href=${href("/planning", { mois: fmt.addMonths(month, 1), enfant: child })}
            ><span class="visually-hidden">Mois suivant : </span>${fmt.month(fmt.addMonths(month, 1))} →</a
          >
          <label for="child-filter">Enfant</label>
          <select
            id="child-filter"
            @change=${(e: Event) => go("/planning", { mois: month, enfant: (e.target as HTMLSelectElement).value })}
          >
            <option value="" ?selected=${!child}>Tous les enfants</option>
            ${children.map(
              (c) => html`<option value=${c.id} ?selected=${c.id === child}>${c.firstName}</option>`,
            )}
          </select>
          <a class="button" href=${href("/reservation", { enfant: child })}>Réservations</a>
          <a class="button" href=${href("/absence", { enfant: child })}>Absences</a>
        </div>
        ${errorBox(error)} ${legend()}
        <section class="planning" aria-label="Planning du mois">${days()}</section>`,
      main,
    );
  }

  draw();
  focusHeading();
  void load();
  const stop = subscribe(
    PlanningChangedDocument,
    { after: null },
    (d) => d.planningChanged.cursor,
    () => {
      window.clearTimeout(reloadTimer);
      reloadTimer = window.setTimeout(() => void load(), 300);
    },
  );
  return () => {
    window.clearTimeout(reloadTimer);
    stop();
  };
}
