/**
 * The day's attendance list (pointage): for one activity's slot on a date, the children
 * with a place there (attendanceSheet: one query, whatever the town's size), with their
 * allergies, PAI and the family's phones, marked present or absent (attendanceMark).
 */
import { html, render } from "lit-html";
import { request } from "../api";
import * as fmt from "../format";
import type { WebActivitiesQuery, WebAttendanceSheetQuery } from "../gql/graphql";
import { ActivitiesDocument, AttendanceMarkDocument, AttendanceSheetDocument } from "../operations";
import { go } from "../router";
import { announce, errorBox, focusHeading, loading, messageOf } from "../ui";

type Activity = WebActivitiesQuery["activities"]["edges"][number]["node"];
type Sheet = NonNullable<WebAttendanceSheetQuery["attendanceSheet"]>;
type Entry = Sheet["entries"][number];

function health(e: Entry): string {
  const notes = [e.hasPai ? "PAI" : "", e.foodAllergies ?? "", e.otherAllergies ?? ""].filter(Boolean);
  return notes.length ? notes.join(" ; ") : "—";
}

function contacts(e: Entry): ReturnType<typeof html> {
  return html`<ul class="contacts">
    ${e.contacts.map((c) => {
      const number = c.mobilePhone ?? c.phone;
      return html`<li>${c.firstName} ${c.lastName}${c.relationshipLabel ? ` (${c.relationshipLabel})` : ""}${number
        ? html` : <a href=${`tel:${number}`}>${number}</a>`
        : ""}</li>`;
    })}
  </ul>`;
}

export function mountAttendance(main: HTMLElement, params: URLSearchParams): () => void {
  const day = params.get("date") ?? fmt.today();
  const activityId = params.get("activite") ?? "";
  const slotId = params.get("creneau") ?? "";
  let activities: Activity[] | undefined;
  let sheet: Sheet | null | undefined;
  let error: string | undefined;
  let busy = "";

  async function load(): Promise<void> {
    try {
      activities = (await request(ActivitiesDocument, {})).activities.edges
        .map((e) => e.node)
        .filter((a) => a.isActive && a.schoolYear.startDate <= day && day <= a.schoolYear.endDate);
      if (activityId && slotId) {
        sheet = (await request(AttendanceSheetDocument, { slot: slotId, date: day })).attendanceSheet;
      }
    } catch (e) {
      error = messageOf(e);
    }
    draw();
  }

  async function mark(o: Entry, present: boolean): Promise<void> {
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
            : sheet === undefined
              ? loading()
              : sheet === null
                ? html`<p>Ce créneau est introuvable.</p>`
                : sheet.entries.length === 0
                ? html`<p>${sheet.runsOnDate ? "Aucun enfant inscrit sur ce créneau ce jour-là." : "Ce créneau n'a pas lieu ce jour-là."}</p>`
                : html`<div class="table-wrap"><table>
                    <caption>${sheet.expectedCount} enfant(s) attendu(s) sur ${sheet.entries.length}</caption>
                    <thead><tr><th scope="col">Enfant</th><th scope="col">Statut</th><th scope="col">Santé</th><th scope="col">Contacts</th><th scope="col">Pointage</th></tr></thead>
                    <tbody>
                      ${sheet.entries.map((o) => html`<tr>
                        <td>${o.child.lastName} ${o.child.firstName}</td>
                        <td>${o.statusLabel}</td>
                        <td>${health(o)}</td>
                        <td>${contacts(o)}</td>
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
