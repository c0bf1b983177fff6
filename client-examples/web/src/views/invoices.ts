/**
 * « Espace facturation » (guide, section 6): the family's invoices with their due date,
 * issuer, amount, status and payments; the PDF (fetched with the session's token) and
 * « Payer en ligne » through the collectivity's payment provider (the sandbox here).
 */
import { html, render } from "lit-html";
import { openProtected, request } from "../api";
import * as fmt from "../format";
import type { WebInvoicesQuery } from "../gql/graphql";
import { InvoicesDocument, PaymentStartDocument } from "../operations";
import { errorBox, focusHeading, loading, messageOf } from "../ui";

type Invoice = WebInvoicesQuery["invoices"]["edges"][number]["node"];

export function mountInvoices(main: HTMLElement): () => void {
  let invoices: Invoice[] | undefined;
  let total = 0;
  let error: string | undefined;
  let busy = "";

  async function load(): Promise<void> {
    try {
      const { invoices: page } = await request(InvoicesDocument, { first: 50 });
      invoices = page.edges.map((e) => e.node);
      total = page.totalCount;
    } catch (e) {
      error = messageOf(e);
    }
    draw();
  }

  async function pdf(invoice: Invoice): Promise<void> {
    try {
      await openProtected(invoice.pdfUrl, `facture-${invoice.number}.pdf`);
    } catch (e) {
      error = messageOf(e);
      draw();
    }
  }

  async function pay(invoice: Invoice): Promise<void> {
    busy = invoice.id;
    error = undefined;
    draw();
    try {
      // Once paid, the provider's return page links back here (the server accepts this
      // page's origin only when it is the portal's or one of its allowed origins).
      const returnUrl = new URL("#/factures", window.location.href).href;
      const { invoicePaymentStart } = await request(PaymentStartDocument, { invoice: invoice.id, returnUrl });
      const refused = invoicePaymentStart.errors[0];
      if (refused || !invoicePaymentStart.paymentUrl) {
        error = refused?.message ?? "Paiement impossible.";
      } else {
        window.location.assign(invoicePaymentStart.paymentUrl); // the provider's page
        return;
      }
    } catch (e) {
      error = messageOf(e);
    }
    busy = "";
    draw();
  }

  function draw(): void {
    render(
      html`<h1>Historique des factures${invoices ? ` (${total} résultat${total > 1 ? "s" : ""})` : ""}</h1>
        ${errorBox(error)}
        ${!invoices
          ? loading()
          : invoices.length === 0
            ? html`<p>Aucune facture.</p>`
            : html`<div class="table-wrap"><table class="stack">
                <caption class="visually-hidden">Vos factures, la plus récente d'abord</caption>
                <thead><tr><th scope="col">Date</th><th scope="col">Numéro</th><th scope="col">Échéance</th><th scope="col">Émetteur</th><th scope="col">Montant</th><th scope="col">Reste à payer</th><th scope="col">Statut</th><th scope="col">Actions</th></tr></thead>
                <tbody>
                  ${invoices.map(
                    (i) => html`<tr>
                      <td data-label="Date">${fmt.date(i.issuedOn)}</td>
                      <td data-label="Numéro"><span>${i.number}<br /><span class="muted">${i.kindLabel}</span></span></td>
                      <td data-label="Échéance">${fmt.date(i.dueOn)}</td>
                      <td data-label="Émetteur">${i.issuer}</td>
                      <td data-label="Montant">${fmt.money(i.totalCents)}</td>
                      <td data-label="Reste à payer">${fmt.money(i.remainingCents)}</td>
                      <td data-label="Statut"><div>${i.statusLabel}
                        ${i.payments.length
                          ? html`<ul class="payments">${i.payments.map((p) => html`<li>${fmt.date(p.paidOn)} — ${p.methodLabel} n° ${p.operationNumber} : ${fmt.money(p.amountCents)}</li>`)}</ul>`
                          : ""}</div></td>
                      <td data-label="Actions" class="actions">
                        <button type="button" class="secondary" @click=${() => void pdf(i)} aria-label=${`PDF de la facture ${i.number}`}>PDF</button>
                        ${i.canPayOnline
                          ? html`<button type="button" ?disabled=${busy === i.id} @click=${() => void pay(i)} aria-label=${`Payer en ligne la facture ${i.number}`}>Payer en ligne</button>`
                          : ""}
                      </td>
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
  return () => undefined;
}
