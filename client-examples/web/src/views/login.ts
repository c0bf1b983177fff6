/** The login page (parents and staff: the account's role decides where it leads). */
import { html, render } from "lit-html";
import { request, saveSession } from "../api";
import { LoginDocument } from "../operations";
import { go } from "../router";
import { errorBox, messageOf } from "../ui";

export function mountLogin(main: HTMLElement, staffEntry: boolean): () => void {
  let error: string | undefined;
  let busy = false;

  async function submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    busy = true;
    error = undefined;
    draw();
    try {
      const { login } = await request(LoginDocument, {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      const refused = login.errors[0];
      if (refused || !login.token || !login.account) {
        error = refused?.message ?? "Connexion refusée.";
      } else {
        const role = login.account.role;
        saveSession({
          token: login.token,
          role,
          name: `${login.account.firstName} ${login.account.lastName}`,
        });
        go(role === "STAFF" || role === "ADMIN" ? "/agent/demandes" : "/planning");
        return;
      }
    } catch (e) {
      error = messageOf(e);
    }
    busy = false;
    draw();
    main.querySelector<HTMLInputElement>("#email")?.focus();
  }

  function draw(): void {
    render(
      html`<h1>${staffEntry ? "Espace agents" : "Connexion à l'espace famille"}</h1>
        <form class="card narrow" @submit=${(e: SubmitEvent) => void submit(e)}>
          ${errorBox(error)}
          <label for="email">Adresse e-mail</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
          <label for="password">Mot de passe</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
          <button type="submit" ?disabled=${busy}>${busy ? "Connexion…" : "Se connecter"}</button>
        </form>
        <p class="muted">
          ${staffEntry
            ? html`Vous êtes parent ? <a href="#/connexion">Espace famille</a>`
            : html`Vous êtes agent de la collectivité ? <a href="#/agent">Espace agents</a>`}
        </p>`,
      main,
    );
  }

  draw();
  main.querySelector<HTMLInputElement>("#email")?.focus(); // the page's one task
  return () => undefined;
}
