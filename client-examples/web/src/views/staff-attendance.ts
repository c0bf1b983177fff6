/**
 * The day's attendance list (pointage): for one activity's slot on a date, the children
 * booked there, marked present or absent (attendanceMark). The API has no « children
 * booked on this slot » query yet: the list is the planning of the collectivity's children
 * (families, 100 per page) on that date for that activity.
 */
import { html, render } from "lit-html";
import { request } from "../api";
import * as fmt from "../format";
import type {
  WebActivitiesQuery,
  WebAttendancePlanningQuery,
  WebFamiliesChildrenQuery,
} from "../gql/graphql";
import {
  ActivitiesDocument,
  AttendanceMarkDocument,
  AttendancePlanningDocument,
  FamiliesChildrenDocument,
} from "../operations";
import { go } from "../router";
import { announce, errorBox, focusHeading, loading, messageOf } from "../ui";

type Activity = WebActivitiesQuery["activities"]["edges"][number]["node"];
type Occurrence = WebAttendancePlanningQuery["planning"]["occurrences"][number];

const BOOKED = new Set(["RESERVED", "PRESENT", "ABSENT", "ABSENT_BILLED"]);

async function allChildren(): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const result: WebFamiliesChildrenQuery = await request(FamiliesChildrenDocument, { after });
    const families = result.families;
    for (const edge of families.edges) {
      ids.push(...edge.node.children.map((c) => c.id));
    }
    if (!families.pageInfo.hasNextPage) {
      break;
    }
    after = families.pageInfo.endCursor ?? null;
  }
  return ids;
}

export function mountAttendance(main: HTMLElement, params: URLSearchParams): () => void {
  const day = params.get("date") ?? fmt.today();
  const activityId = params.get("activite") ?? "";
  const slotId = params.get("creneau") ?? "";
  let activities: Activity[] | undefined;
  let occurrences: Occurrence[] | undefined;
  let error: string | undefined;
  let busy = "";

  async function load(): Promise<void> {
    try {
      activities = (await request(ActivitiesDocument, {})).activities.edges
        .map((e) => e.node)
        .filter((a) => a.isActive && a.schoolYear.startDate <= day && day <= a.schoolYear.endDate);
      if (activityId && slotId) {
        const children = await allChildren();
        const { planning } = await request(AttendancePlanningDocument, {
          date: day,
          children,
          activities: [activityId],
        });
        occurrences = planning.occurrences.filter((o) => o.slotId === slotId && BOOKED.has(o.status));
      }
    } catch (e) {
      error = messageOf(e);
    }
    draw();
  }

  async function mark(o: Occurrence, present: boolean): Promise<void> {
    busy = o.child.id;
    error = undefined;
    draw();
    try {
      const refused = (
        await request(AttendanceMarkDocument, {
          input: { slot: slotId, date: day, marks: [{ child: o.child.id, present }] },
        })
      ).attendanceMark.errors[0];
      if (refused) {
        error = refused.message;
      } else {
        announce(`${o.child.firstName} ${o.child.lastName} : ${present ? "présent" : "absent"}.`);
      }
      await load();
    } catch (e) {
      error = messageOf(e);
    }
    busy = "";
    draw();
  }

  function draw(): void {
    const activity = activities?.find((a) => a.id === activityId);
    const slots = (activity?.slots ?? []).filter((s) => s.weekday === fmt.weekdayOf(day));
    render(
      html`<h1>Pointage du ${fmt.dayLong(day)}</h1>
        <form class="card toolbar" @submit=${(e: Event) => e.preventDefault()}>
          <span><label for="a-date">Date</label>
          <input id="a-date" type="date" .value=${day} @change=${(e: Event) => go("/agent/pointage", { date: (e.target as HTMLInputElement).value, activite: activityId })} /></span>
          <span><label for="a-activity">Activité</label>
          <select id="a-activity" @change=${(e: Event) => go("/agent/pointage", { date: day, activite: (e.target as HTMLSelectElement).value })}>
            <option value="">Choisir une activité</option>
            ${(activities ?? []).map((a) => html`<option value=${a.id} ?selected=${a.id === activityId}>${a.name} — ${a.establishment.name}</option>`)}
          </select></span>
          ${activity
            ? html`<span><label for="a-slot">Créneau</label>
                <select id="a-slot" @change=${(e: Event) => go("/agent/pointage", { date: day, activite: activityId, creneau: (e.target as HTMLSelectElement).value })}>
                  <option value="">${slots.length ? "Choisir un créneau" : "Pas de créneau ce jour-là"}</option>
                  ${slots.map((s) => html`<option value=${s.id} ?selected=${s.id === slotId}>${fmt.time(s.startTime)} – ${fmt.time(s.endTime)}</option>`)}
                </select></span>`
            : ""}
        </form>
        ${errorBox(error)}
        ${!activities
          ? loading()
          : !slotId
            ? ""
            : !occurrences
              ? loading()
              : occurrences.length === 0
                ? html`<p>Aucun enfant inscrit sur ce créneau ce jour-là.</p>`
                : html`<div class="table-wrap"><table>
                    <caption>${occurrences.length} enfant(s) attendu(s)</caption>
                    <thead><tr><th scope="col">Enfant</th><th scope="col">Statut</th><th scope="col">Pointage</th></tr></thead>
                    <tbody>
                      ${occurrences.map((o) => html`<tr>
                        <td>${o.child.lastName} ${o.child.firstName}</td>
                        <td>${o.statusLabel}</td>
                        <td class="actions">
                          <button type="button" class="secondary" ?disabled=${busy === o.child.id} aria-pressed=${o.status === "PRESENT" ? "true" : "false"} @click=${() => void mark(o, true)} aria-label=${`${o.child.firstName} ${o.child.lastName} présent`}>Présent</button>
                          <button type="button" class="secondary" ?disabled=${busy === o.child.id} aria-pressed=${o.status === "ABSENT" || o.status === "ABSENT_BILLED" ? "true" : "false"} @click=${() => void mark(o, false)} aria-label=${`${o.child.firstName} ${o.child.lastName} absent`}>Absent</button>
                        </td>
                      </tr>`)}
                    </tbody>
                  </table></div>`}`,
      main,
    );
  }

  draw();
  focusHeading();
  void load();
  return () => undefined;
}
