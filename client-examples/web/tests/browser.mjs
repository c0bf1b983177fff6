/**
 * The browser scenario of tests/e2e/test_browser_web_app.py, with playwright-core driving
 * the system's Chromium (no browser download):
 *
 *  1. an agent opens the live inbox (desktop width);
 *  2. a parent logs in (phone width, 360 px) and the month planning renders — the time from
 *     page load to the first planning render is measured on five fresh loads (median);
 *  3. she picks a day she can reserve on the planning: the form shows the preview (outcome
 *     and price), she confirms;
 *  4. the request arrives in the agent's inbox without a reload; the agent accepts the line;
 *     it leaves the inbox;
 *  5. « Mes demandes », open since before the decision, shows the new status live, no reload;
 *  6. the rest of the app, once: a message on the request, the invoices and an online
 *     payment through the sandbox provider, the family file with its pending changes, and
 *     the agent's attendance list of a recent day (a child marked present).
 *
 * Every screenshot also runs axe-core (WCAG 2.1 A/AA rules) on the page: its serious and
 * critical violations are reported in `a11y`.
 * Environment: CRENEAU_URL (the GraphQL endpoint, as for every client example, default
 * http://127.0.0.1:8000/saint-ismier/graphql: the app is at …/<tenant>/app/),
 * WEB_TEST_ARTEFACTS (where the screenshots go, default var/test-artefacts/browser), CHROMIUM
 * (default /usr/bin/chromium), CRENEAU_PARENT_EMAIL, CRENEAU_STAFF_EMAIL,
 * CRENEAU_DEMO_PASSWORD (the demo's accounts by default). Prints one JSON line (the measures and what
 * was seen) and exits 0; exits 1 with the reason otherwise, 3 when nothing can be reserved.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

const ENDPOINT = process.env.CRENEAU_URL || "http://127.0.0.1:8000/saint-ismier/graphql";
const APP = ENDPOINT.replace(/\/graphql\/?$/, "/app/");
const OUT = process.env.WEB_TEST_ARTEFACTS || "var/test-artefacts/browser";
const PARENT = process.env.CRENEAU_PARENT_EMAIL ?? "elodie.devaille@example.fr";
const STAFF = process.env.CRENEAU_STAFF_EMAIL ?? "agent@saint-ismier.example";
const PASSWORD = process.env.CRENEAU_DEMO_PASSWORD ?? "Creneau-demo-2026!";
const TIMEOUT = 20_000;

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

mkdirSync(OUT, { recursive: true });
const shots = [];
const a11y = [];

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page. (page.evaluate
 * runs through the DevTools protocol: the page's CSP does not apply to it.) */
async function audit(page, name) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(`${AXE}\n;undefined`);
  }
  const violations = await page.evaluate(async () => {
    const report = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return report.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  for (const violation of violations) {
    a11y.push({ page: name, ...violation });
  }
}

async function shot(page, name, description) {
  const path = join(OUT, `${String(shots.length + 1).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  shots.push({ path, description });
  await audit(page, name);
}

async function login(page, hash, email) {
  await page.goto(`${APP}${hash}`);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const result = { screenshots: shots, a11y };
try {
  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
  const parentContext = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: "fr-FR" });
  for (const context of [staffContext, parentContext]) {
    context.setDefaultTimeout(TIMEOUT);
  }
  const staff = await staffContext.newPage();
  const parent = await parentContext.newPage();
  const pageErrors = [];
  for (const page of [staff, parent]) {
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    page.on("console", (message) => message.type() === "error" && pageErrors.push(message.text()));
  }

  // 1. The agent's live inbox — logging in with the keyboard only.
  await staff.goto(`${APP}#/agent`);
  await staff.getByRole("heading", { level: 1, name: "Espace agents" }).waitFor();
  result.keyboardFocus = await staff.evaluate(() => document.activeElement?.id);
  await staff.keyboard.type(STAFF);
  await staff.keyboard.press("Tab");
  await staff.keyboard.type(PASSWORD);
  await staff.keyboard.press("Enter");
  await staff.getByRole("heading", { level: 1, name: /Demandes à traiter \(\d+\)/ }).waitFor();
  result.inboxBefore = Number((await staff.locator("h1").textContent()).match(/\((\d+)\)/)[1]);

  // 2. The parent's planning; then a fresh load of it, measured.
  await login(parent, "#/connexion", PARENT);
  await parent.locator(".planning[data-rendered]").waitFor();
  // Page load → first planning render (the performance mark the planning view sets once
  // its data is drawn), on five fresh loads of the signed-in page: the median is reported.
  await parent.goto(`${APP}#/planning`);
  result.planningRenderRunsMs = [];
  for (let run = 0; run < 5; run += 1) {
    await parent.reload();
    await parent.locator(".planning[data-rendered]").waitFor();
    result.planningRenderRunsMs.push(
      await parent.evaluate(() =>
        Math.round(performance.getEntriesByName("creneau:planning-rendered")[0].startTime),
      ),
    );
  }
  result.planningRenderMs = [...result.planningRenderRunsMs].sort((a, b) => a - b)[2];
  result.legend = await parent.locator(".legend li").allTextContents();
  await shot(parent, "parent-planning", "Le planning du mois (360 px), avec la légende des statuts");

  // 3. A day she can reserve (this month or the next two) that staff decide — not one the
  // activity accepts on its own: its preview says « en attente de validation ».
  let chosen;
  for (let month = 0; month < 3 && !chosen; month += 1) {
    if (month > 0) {
      await parent.goto(`${APP}#/planning`);
      for (let m = 0; m < month; m += 1) {
        await parent.getByRole("link", { name: /Mois suivant/ }).click();
      }
      await parent.locator(".planning ol.days, .planning p").first().waitFor();
    }
    const links = parent.locator('a.slot[href*="#/reservation"]');
    const candidates = [];
    for (let i = 0; i < Math.min(await links.count(), 12); i += 1) {
      candidates.push([await links.nth(i).getAttribute("href"), await links.nth(i).getAttribute("aria-label")]);
    }
    for (const [hash, label] of candidates) {
      await parent.goto(`${APP}${hash}`);
      await parent.getByRole("heading", { name: "Aperçu de la demande" }).waitFor();
      if ((await parent.locator("tr.outcome-CREATED").count()) > 0) {
        chosen = label;
        break;
      }
    }
  }
  if (!chosen) {
    console.error("aucune date à réserver dans les trois mois");
    process.exit(3);
  }
  result.slot = chosen;
  result.preview = await parent.locator("section.card table tbody tr").first().innerText();
  await shot(parent, "parent-preview", "L'aperçu de la réservation : résultat et prix de la date, avant confirmation");
  await parent.getByRole("button", { name: "Confirmer la demande" }).click();
  const created = parent.locator("#result-title");
  await created.waitFor();
  result.created = (await created.textContent()).trim();
  const reference = result.created.match(/Demande (.+?) :/)?.[1];
  if (!reference) {
    throw new Error(`demande non créée : ${await parent.locator("main").innerText()}`);
  }
  result.reference = reference;
  await shot(parent, "parent-created", "La demande enregistrée, en cours d'instruction");

  // « Mes demandes », open before the decision; a marker tells a reload from a live update.
  await parent.getByRole("link", { name: "Suivre mes demandes" }).click();
  const row = parent.locator("tr", { has: parent.getByRole("link", { name: reference, exact: true }) });
  await row.waitFor();
  result.statusBefore = (await row.locator("td.status").textContent()).trim();
  await parent.evaluate(() => {
    window.__sameDocument = true;
  });
  await shot(parent, "parent-requests-before", "« Mes demandes » avant la décision");

  // 4. The request arrives in the agent's inbox live; the agent accepts its line.
  const card = staff.locator("li.card", { has: staff.getByRole("link", { name: `Demande ${reference}` }) });
  await card.waitFor();
  result.inboxArrived = true;
  await shot(staff, "staff-inbox-arrived", "La demande arrivée en direct dans la boîte de l'agent");
  await card.getByRole("button", { name: /^Accepter le / }).first().click();
  await card.waitFor({ state: "detached" });
  result.inboxLeft = true;
  await shot(staff, "staff-inbox-after", "La boîte de l'agent après l'acceptation : la demande en est sortie");

  // 5. The parent's page changes without a reload.
  await parent.waitForFunction(
    ({ ref }) => {
      const link = [...document.querySelectorAll("td a")].find((a) => a.textContent === ref);
      const status = link?.closest("tr")?.querySelector("td.status")?.textContent ?? "";
      return status.trim() !== "" && !/instruction|attente/i.test(status);
    },
    { ref: reference },
    { timeout: TIMEOUT },
  );
  result.statusAfter = (await row.locator("td.status").textContent()).trim();
  result.sameDocument = await parent.evaluate(() => window.__sameDocument === true);
  await shot(parent, "parent-requests-live", "« Mes demandes » mis à jour en direct : la demande est acceptée");

  // 6a. A message on the request.
  await row.getByRole("link", { name: reference, exact: true }).click();
  await parent.getByRole("heading", { level: 1, name: `Demande ${reference}` }).waitFor();
  await parent.getByLabel("Votre message").fill("Merci, c'est noté.");
  await parent.getByRole("button", { name: "Envoyer" }).click();
  await parent.locator(".messages li", { hasText: "Merci, c'est noté." }).waitFor();
  result.messagePosted = true;
  await shot(parent, "parent-request-detail", "Le détail de la demande : dates, historique et message envoyé");

  // 6b. The invoices; an online payment through the sandbox when one can be paid.
  await parent.getByRole("link", { name: "Factures" }).click();
  await parent.getByRole("heading", { level: 1, name: /Historique des factures \(\d+/ }).waitFor();
  await shot(parent, "parent-invoices", "Les factures : échéance, montant, statut, PDF et paiement en ligne");
  // The PDF: fetched with the session's token, saved under the invoice's number.
  const pdfButton = parent.getByRole("button", { name: /^PDF de la facture / }).first();
  if ((await pdfButton.count()) > 0) {
    const [download] = await Promise.all([parent.waitForEvent("download"), pdfButton.click()]);
    const saved = join(OUT, download.suggestedFilename());
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    result.pdf = { name: download.suggestedFilename(), bytes: bytes.length, magic: bytes.subarray(0, 5).toString() };
  }
  const payButton = parent.getByRole("button", { name: /^Payer en ligne la facture / }).first();
  if ((await payButton.count()) > 0) {
    const invoiceNumber = (await payButton.getAttribute("aria-label")).replace("Payer en ligne la facture ", "");
    await payButton.click();
    await parent.waitForURL(/payment-sandbox/);
    await shot(parent, "payment-sandbox", "La page du prestataire de paiement (bac à sable)");
    await parent.getByRole("button", { name: "Payer", exact: true }).click();
    await parent.waitForURL(/payments\/return/);
    result.paymentPage = (await parent.locator("h1").textContent()).trim();
    // The return page links back to the app's invoices (the payment's returnUrl).
    await parent.getByRole("link", { name: "Retour à mon espace famille" }).click();
    await parent.waitForURL(/\/app\/#\/factures$/);
    result.returnedTo = new URL(parent.url()).pathname + new URL(parent.url()).hash;
    const invoiceRow = parent.locator("tr", { hasText: invoiceNumber });
    await invoiceRow.waitFor();
    result.paidInvoice = { number: invoiceNumber, row: (await invoiceRow.innerText()).replace(/\s+/g, " ") };
    await shot(parent, "parent-invoice-paid", "La facture payée en ligne, avec son règlement");
  }

  // 6c. An absence: a booked day of the planning leads to the absence form and its preview
  // (billed or not); not confirmed.
  await parent.goto(`${APP}#/planning`);
  await parent.locator(".planning[data-rendered]").waitFor();
  const booked = parent.locator('a.slot[href*="#/absence"]').first();
  if ((await booked.count()) > 0) {
    await booked.click();
    await parent.getByRole("heading", { name: "Aperçu de la demande" }).waitFor();
    result.absencePreview = await parent.locator("section.card table tbody tr").first().innerText();
    await shot(parent, "parent-absence-preview", "L'aperçu d'une absence : facturée ou non, avant confirmation");
  }

  // A slot with nothing to ask (past, pending…): its status, deadlines and history.
  await parent.goto(`${APP}#/planning`);
  await parent.locator(".planning[data-rendered]").waitFor();
  const settled = parent.locator('a.slot[href*="#/creneau"]').last();
  if ((await settled.count()) > 0) {
    await settled.click();
    await parent.getByRole("heading", { level: 2, name: "Historique" }).waitFor();
    result.slotHistory = await parent.locator("main .history li, main .history + p, #history-title + p").allInnerTexts();
    await shot(parent, "parent-slot-history", "Un créneau du planning : statut, délais et historique des actions");
  }

  // 6d. The family file and its pending changes (in yellow).
  await parent.getByRole("link", { name: "Dossier famille" }).click();
  await parent.getByRole("heading", { level: 1, name: /Dossier famille/ }).waitFor();
  await parent.getByRole("heading", { level: 2, name: "Enfants" }).waitFor();
  result.pendingChanges = await parent.locator("main mark").count();
  await shot(parent, "parent-family-file", "Le dossier famille : les modifications en attente en jaune");

  // 6e. The agent's attendance list of a recent school day (today's date in Paris first).
  const paris = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
  for (let back = 0; back < 12 && !result.attendance; back += 1) {
    const day = new Date(`${paris}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() - back);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) {
      continue;
    }
    const iso = day.toISOString().slice(0, 10);
    await staff.goto(`${APP}#/agent/pointage?date=${iso}`);
    const activity = staff.getByLabel("Activité");
    await staff.locator("#a-activity option").nth(1).waitFor({ state: "attached" });
    const options = await staff.locator("#a-activity option").allTextContents();
    const meal = options.find((o) => o.startsWith("Repas"));
    if (!meal) {
      continue;
    }
    await activity.selectOption({ label: meal });
    await staff.locator("#a-slot option").nth(1).waitFor({ state: "attached", timeout: 5_000 }).catch(() => undefined);
    if ((await staff.locator("#a-slot option").count()) < 2) {
      continue;
    }
    await staff.getByLabel("Créneau").selectOption({ index: 1 });
    const present = staff.getByRole("button", { name: / présent$/ }).first();
    await Promise.race([
      present.waitFor(),
      staff.getByText("Aucun enfant inscrit sur ce créneau ce jour-là.").waitFor(),
    ]);
    if ((await present.count()) === 0) {
      continue;
    }
    const who = (await present.getAttribute("aria-label")).replace(/ présent$/, "");
    await present.click();
    const line = staff.locator("tr", { has: staff.getByRole("button", { name: `${who} présent` }) });
    await staff.waitForFunction(
      (name) => {
        const button = [...document.querySelectorAll("button")].find((b) => b.getAttribute("aria-label") === `${name} présent`);
        return button?.getAttribute("aria-pressed") === "true";
      },
      who,
    );
    result.attendance = { date: iso, child: who, status: (await line.locator("td").nth(1).textContent()).trim() };
    await shot(staff, "staff-attendance", "Le pointage du jour : un enfant marqué présent");
  }
  result.pageErrors = pageErrors;
  console.log(JSON.stringify(result));
} catch (error) {
  console.error(String(error?.stack ?? error));
  console.error(JSON.stringify(result));
  process.exitCode = 1;
} finally {
  await browser.close();
}
