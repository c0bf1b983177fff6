/** Shared pieces of the views: status legend, messages, live announcements. */
import { html, type TemplateResult } from "lit-html";

/** The planning's statuses, as the guide's legend shows them (a symbol beside the colour,
 * so the status never rests on colour alone). */
export const STATUSES: ReadonlyArray<{ code: string; symbol: string; legend: string }> = [
  { code: "AVAILABLE", symbol: "+", legend: "Réservable" },
  { code: "RESERVED", symbol: "✓", legend: "Activité réservée" },
  { code: "PRESENT", symbol: "●", legend: "Enfant présent" },
  { code: "PENDING", symbol: "…", legend: "Demande en attente de validation" },
  { code: "WAITING_LIST", symbol: "☰", legend: "Enfant en liste d'attente" },
  { code: "ABSENT", symbol: "✗", legend: "Enfant absent à cette activité" },
  { code: "ABSENT_BILLED", symbol: "€", legend: "Absence facturée" },
];

export function statusSymbol(code: string): string {
  return STATUSES.find((s) => s.code === code)?.symbol ?? "";
}

export function legend(): TemplateResult {
  return html`<section class="legend" aria-labelledby="legend-title">
    <h2 id="legend-title" class="small-title">Légende</h2>
    <ul>
      ${STATUSES.map(
        (s) =>
          html`<li><span class="slot status-${s.code}" aria-hidden="true">${s.symbol}</span> ${s.legend}</li>`,
      )}
    </ul>
  </section>`;
}

export function errorBox(message: string | undefined): TemplateResult | string {
  return message ? html`<p class="error" role="alert">${message}</p>` : "";
}

export function loading(): TemplateResult {
  return html`<p class="muted" role="status">Chargement…</p>`;
}

/** Say something to screen readers (and show it) without moving the focus. */
export function announce(message: string): void {
  const region = document.getElementById("live-region");
  if (region) {
    region.textContent = message;
  }
}

/** Move the focus to the view's heading after a navigation (keyboard and screen readers). */
export function focusHeading(): void {
  const heading = document.querySelector<HTMLElement>("main h1");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
