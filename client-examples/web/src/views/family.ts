/**
 * « Dossier famille » (guide, section 2): guardians and children as on file, with the
 * changes not yet processed by the collectivity shown beside them (in yellow, as the guide
 * says). One change can be asked from here: a guardian's phone numbers.
 */
import { html, render, type TemplateResult } from "lit-html";
import { request } from "../api";
import * as fmt from "../format";
import type { WebFamilyFileQuery } from "../gql/graphql";
import { FamilyFileDocument, GuardianPhoneChangeDocument } from "../operations";
import { href } from "../router";
import { announce, errorBox, focusHeading, loading, messageOf } from "../ui";

type Family = NonNullable<WebFamilyFileQuery["viewer"]["family"]>;
type Pending = Family["pendingChanges"][number] | Family["children"][number]["pendingChanges"][number];

function pendingList(changes: ReadonlyArray<Pending>): TemplateResult | string {
  if (!changes.length) {
    return "";
  }
  return html`<ul class="pending" aria-label="Modifications en attente de validation">
    ${changes.map((c) => html`<li><mark>${c.label} : ${c.currentValue ?? "—"} → ${c.proposedValue ?? "—"} (en attente de validation)</mark></li>`)}
  </ul>`;
}

export function mountFamily(main: HTMLElement): () => void {
  let family: Family | null | undefined;
  let error: string | undefined;
  let notice: string | undefined;
  let key = fmt.idempotencyKey();

  async function load(): Promise<void> {
    try {
      family = (await request(FamilyFileDocument, {})).viewer.family;
    } catch (e) {
      error = messageOf(e);
    }
    draw();
  }

  async function askPhone(event: SubmitEvent, guardian: string): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const mobilePhone = String(form.get("mobilePhone") ?? "").trim();
    error = undefined;
    notice = undefined;
    try {
      const { guardianChangeRequestCreate: payload } = await request(GuardianPhoneChangeDocument, {
        input: { guardian, changes: { mobilePhone }, idempotencyKey: key },
      });
      const refused = payload.errors[0];
      if (refused) {
        error = refused.message;
      } else {
        key = fmt.idempotencyKey();
        notice = "Demande de modification envoyée : elle s'affiche en jaune jusqu'à sa validation.";
        announce(notice);
        await load();
        return;
      }
    } catch (e) {
      error = messageOf(e);
    }
    draw();
  }

  function draw(): void {
    if (family === undefined) {
      render(html`<h1>Dossier famille</h1>${errorBox(error)}${error ? "" : loading()}`, main);
      return;
    }
    if (family === null) {
      render(html`<h1>Dossier famille</h1><p>Aucun dossier famille n'est rattaché à ce compte.</p>`, main);
      return;
    }
    const f = family;
    render(
      html`<h1>Dossier famille — ${f.name}</h1>
        ${errorBox(error)} ${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
        <section class="card">
          <dl class="facts">
            <dt>Code abonné</dt><dd>${f.subscriberCode ?? "—"}</dd>
            <dt>Statut du dossier</dt><dd>${f.statusLabel}</dd>
            <dt>Prélèvement automatique</dt><dd>${f.directDebit ? "oui" : "non"}</dd>
          </dl>
        </section>
        ${f.pendingChanges.length
          ? html`<section class="card"><h2>Modifications en attente</h2><ul>
              ${f.pendingChanges.map((c) => html`<li><mark>${c.subject ? `${c.subject} — ` : ""}${c.label} : ${c.currentValue ?? "—"} → ${c.proposedValue ?? "—"}</mark>
                (<a href=${href("/demande", { id: c.request.id })}>demande ${c.request.referenceLabel}</a>, ${c.request.statusLabel})</li>`)}
            </ul></section>`
          : ""}
        <h2>Responsables</h2>
        ${f.guardians.map(
          (g) => html`<section class="card" aria-label=${`${g.firstName} ${g.lastName}`}>
            <h3>${g.firstName} ${g.lastName}${g.relationshipLabel ? ` (${g.relationshipLabel})` : ""}</h3>
            <dl class="facts">
              <dt>E-mail</dt><dd>${g.email ?? "—"}</dd>
              <dt>Téléphone</dt><dd>${g.phone ?? "—"}</dd>
              <dt>Portable</dt><dd>${g.mobilePhone ?? "—"}</dd>
              <dt>Adresse</dt><dd>${[g.address.line1, g.address.postalCode, g.address.city].filter(Boolean).join(", ") || "—"}</dd>
              <dt>Payeur</dt><dd>${g.isPayer ? "oui" : "non"}</dd>
              <dt>Allocataire CAF / MSA</dt><dd>${g.isAllocataire ? "oui" : "non"}</dd>
            </dl>
            ${pendingList(g.pendingChanges)}
            <form class="inline" @submit=${(e: SubmitEvent) => void askPhone(e, g.id)}>
              <label for=${`mobile-${g.id}`}>Nouveau numéro de portable</label>
              <input id=${`mobile-${g.id}`} name="mobilePhone" type="tel" autocomplete="tel" required />
              <button type="submit" class="secondary">Demander la modification</button>
            </form>
          </section>`,
        )}
        <h2>Enfants</h2>
        ${f.children.map(
          (c) => html`<section class="card" aria-label=${`${c.firstName} ${c.lastName}`}>
            <h3>${c.firstName} ${c.lastName}</h3>
            <dl class="facts">
              <dt>Date de naissance</dt><dd>${fmt.date(c.birthDate)}</dd>
              <dt>Classe</dt><dd>${c.gradeLabel ?? "—"}</dd>
              <dt>École</dt><dd>${c.school?.name ?? "—"}</dd>
            </dl>
            ${pendingList(c.pendingChanges)}
          </section>`,
        )}`,
      main,
    );
  }

  draw();
  focusHeading();
  void load();
  return () => undefined;
}
