/**
 * Entry point: the page's frame (header, navigation, live region) and the routing to the
 * views. Parents and staff share the login page; the role decides where it leads.
 */
import { html, render } from "lit-html";
import { clearSession, isStaff, request, session, tenant } from "./api";
import { LogoutDocument, ViewerDocument } from "./operations";
import { currentRoute, go, href } from "./router";
import "./style.css";
import { mountLogin } from "./views/login";
import { mountPlanning } from "./views/planning";
import { mountRequestForm } from "./views/request-form";
import { mountRequests } from "./views/requests";
import { mountRequestDetail } from "./views/request-detail";
import { mountInvoices } from "./views/invoices";
import { mountFamily } from "./views/family";
import { mountStaffInbox } from "./views/staff-inbox";
import { mountAttendance } from "./views/staff-attendance";
import { mountOccurrence } from "./views/occurrence";

type Mount = (main: HTMLElement, params: URLSearchParams) => () => void;

const PARENT_VIEWS: Record<string, [string, Mount]> = {
  "/planning": ["Planning", mountPlanning],
  "/creneau": ["Créneau", mountOccurrence],
  "/reservation": ["Réserver", (m, p) => mountRequestForm(m, p, "reservation")],
  "/absence": ["Absence", (m, p) => mountRequestForm(m, p, "absence")],
  "/demandes": ["Mes demandes", mountRequests],
  "/demande": ["Demande", mountRequestDetail],
  "/factures": ["Factures", mountInvoices],
  "/dossier": ["Dossier famille", mountFamily],
};
const STAFF_VIEWS: Record<string, [string, Mount]> = {
  "/agent/demandes": ["Demandes à traiter", mountStaffInbox],
  "/agent/pointage": ["Pointage", mountAttendance],
  "/agent/demande": ["Demande", mountRequestDetail],
};
const PARENT_NAV = ["/planning", "/reservation", "/absence", "/demandes", "/factures", "/dossier"];
const STAFF_NAV = ["/agent/demandes", "/agent/pointage"];

const root = document.getElementById("app")!;
let cleanup: () => void = () => undefined;
let collectivity = "";
let unread = 0;

/** The collectivity's name (once) and the viewer's unread messages (on each page). */
async function refreshHeader(): Promise<void> {
  try {
    const data = await request(ViewerDocument, {});
    collectivity = data.collectivity.name;
    unread = data.viewer.unreadMessageCount;
  } catch {
    return; // the header keeps the slug; the page itself reports what went wrong
  }
  paintHeader();
}

/** The header's texts, written into elements that hold no lit-html part (so a later
 * render keeps them and is not disturbed). */
function paintHeader(): void {
  const brand = root.querySelector(".brand-name");
  if (brand) {
    brand.textContent = collectivity || tenant;
  }
  const badge = root.querySelector(".unread");
  if (badge) {
    badge.textContent = unread ? ` (${unread} non lu${unread > 1 ? "s" : ""})` : "";
  }
}

async function logout(): Promise<void> {
  try {
    await request(LogoutDocument, {});
  } catch {
    // The token may already be gone: signing out locally is what matters.
  }
  clearSession();
  go("/connexion");
}

function frame(path: string, views: Record<string, [string, Mount]>, nav: string[]): HTMLElement {
  const who = session();
  render(
    html`<a class="skip" href="#contenu" @click=${skipToContent}>Aller au contenu</a>
      <header class="top">
        <p class="brand">Espace famille <span class="muted">— <span class="brand-name"></span></span></p>
        ${who
          ? html`<nav aria-label="Navigation principale">
              <ul>
                ${nav.map(
                  (p) =>
                    html`<li>
                      <a href=${href(p)} aria-current=${p === path ? "page" : "false"}
                        >${views[p]![0]}${p === "/demandes"
                          ? html`<span class="unread"></span>`
                          : ""}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>
            <p class="who">
              ${who.name}
              <button type="button" class="link" @click=${() => void logout()}>Se déconnecter</button>
            </p>`
          : ""}
      </header>
      <main id="contenu" tabindex="-1"></main>
      <div id="live-region" class="visually-hidden" aria-live="polite" role="status"></div>`,
    root,
  );
  paintHeader();
  return root.querySelector("main")!;
}

function skipToContent(event: Event): void {
  event.preventDefault();
  document.getElementById("contenu")?.focus();
}

function route(): void {
  cleanup();
  cleanup = () => undefined;
  const { path, params } = currentRoute();
  const who = session();
  const staff = isStaff(who);
  if (!who || path === "/connexion" || path === "/agent") {
    if (who && path !== "/agent") {
      go(staff ? "/agent/demandes" : "/planning");
      return;
    }
    const main = frame(path, {}, []);
    void refreshHeader();
    document.title = "Connexion — Espace famille";
    cleanup = mountLogin(main, path === "/agent"); // focuses the e-mail field
    return;
  }
  const views = staff ? STAFF_VIEWS : PARENT_VIEWS;
  const entry = views[path];
  if (!entry) {
    go(staff ? "/agent/demandes" : "/planning");
    return;
  }
  const main = frame(path, views, staff ? STAFF_NAV : PARENT_NAV);
  document.title = `${entry[0]} — Espace famille`;
  cleanup = entry[1](main, params);
  void refreshHeader();
}

window.addEventListener("hashchange", route);
route();
