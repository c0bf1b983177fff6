/**
 * The parents' guide in one script, against a running server (`npm run walkthrough`):
 *
 *  1. a demo parent logs in and reads this month's planning;
 *  2. she picks a date she can reserve, previews it (outcome and price), then reserves it;
 *  3. her subscriptions to requestStatusChanged and planningChanged (her child's) wait
 *     while an agent logs in and accepts the request: the decision and the booked date
 *     arrive live;
 *  4. the subscription is opened again with `after:` the creation event's cursor: the
 *     decision is replayed (what a client does after a disconnection);
 *  5. she lists her invoices.
 *
 * CRENEAU_URL names the server (default http://127.0.0.1:8000/saint-ismier/graphql);
 * CRENEAU_USE_DOCUMENT_IDS=1 sends every operation by its documentId (trusted documents).
 * Exits 0 when the whole walk succeeded, 1 with the reason otherwise.
 */
import { CreneauClient, CreneauError, settingsFromEnv } from "./client";
import type {
  PlanningChangedSubscription,
  PlanningQuery,
  RequestStatusChangedSubscription,
  ReservationRequestCreateInput,
} from "./gql/graphql";
import {
  InvoicesDocument,
  LoginDocument,
  PlanningChangedDocument,
  PlanningDocument,
  RequestAcceptDocument,
  RequestStatusChangedDocument,
  ReservationCreateDocument,
  ReservationPreviewDocument,
} from "./operations";

const PARENT_EMAIL = process.env["CRENEAU_PARENT_EMAIL"] || "elodie.devaille@example.fr";
const STAFF_EMAIL = process.env["CRENEAU_STAFF_EMAIL"] || "agent@saint-ismier.example";
const PASSWORD = process.env["CRENEAU_DEMO_PASSWORD"] || "Creneau-demo-2026!";
/** How long to wait for a live event before giving up. */
const EVENT_TIMEOUT_MS = 20_000;
/** How far ahead to look for a date to reserve. */
const LOOKAHEAD_DAYS = 60;

type Occurrence = PlanningQuery["planning"]["occurrences"][number];
type StatusEvent = RequestStatusChangedSubscription["requestStatusChanged"];
type PlanningEvent = PlanningChangedSubscription["planningChanged"];

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** Today in the collectivity's time zone, as YYYY-MM-DD. */
function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function endOfMonth(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1, 0);
  return date.toISOString().slice(0, 10);
}

async function login(client: CreneauClient, email: string): Promise<void> {
  const { login } = await client.request(LoginDocument, { email, password: PASSWORD });
  const refused = login.errors[0];
  if (refused || !login.token) {
    throw new Error(`Connexion refusée pour ${email} : ${refused?.message ?? "pas de jeton"}`);
  }
  client.token = login.token;
  const who = login.account ? `${login.account.firstName} ${login.account.lastName}` : email;
  console.log(`Connecté : ${who} (${login.account?.role ?? "?"})`);
}

/**
 * Reads a subscription in the background and hands out the events a caller waits for
 * (an event that arrives before anyone waits for it is kept).
 */
class EventWatcher<T> {
  private readonly seen: T[] = [];
  private readonly waiters: Array<{ accepts: (event: T) => boolean; resolve: (event: T) => void }> =
    [];
  private failure: unknown;
  readonly done: Promise<void>;

  constructor(events: AsyncIterable<T>) {
    this.done = (async () => {
      try {
        for await (const event of events) {
          this.seen.push(event);
          for (const waiter of this.waiters.filter((w) => w.accepts(event))) {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.resolve(event);
          }
        }
      } catch (error) {
        this.failure = error;
      }
    })();
  }

  /** A mark for `next`: only the events received after it. */
  mark(): number {
    return this.seen.length;
  }

  /** The first event `accepts` takes (received after `since`, or to come), or undefined
   * after `ms`. */
  async next(accepts: (event: T) => boolean, ms: number, since = 0): Promise<T | undefined> {
    if (this.failure) {
      throw this.failure;
    }
    const already = this.seen.slice(since).find(accepts);
    if (already !== undefined) {
      return already;
    }
    return new Promise<T | undefined>((resolve) => {
      const waiter = { accepts, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) {
          this.waiters.splice(index, 1);
          resolve(undefined);
        }
      }, ms);
    });
  }
}

function describe(event: StatusEvent): string {
  const note = event.note ? ` « ${event.note} »` : "";
  return `Demande n° ${event.referenceLabel} (${event.typeLabel}) : ${event.stepLabel} — ${event.statusLabel}${note}`;
}

/** A date she can reserve that an agent must validate (preview outcome CREATED). */
async function chooseReservation(
  parent: CreneauClient,
  from: string,
): Promise<{ input: ReservationRequestCreateInput; occurrence: Occurrence } | undefined> {
  const { planning } = await parent.request(PlanningDocument, {
    from,
    to: addDays(from, LOOKAHEAD_DAYS),
  });
  const candidates = planning.occurrences
    .filter((o) => o.status === "AVAILABLE" && o.canReserve && !o.reserveWouldWaitList)
    .sort((a, b) => a.date.localeCompare(b.date));
  // One try per activity, a week ahead at least (well before any booking deadline).
  const tried = new Set<string>();
  for (const occurrence of candidates) {
    if (occurrence.date < addDays(from, 7) || tried.has(occurrence.activity.id)) {
      continue;
    }
    tried.add(occurrence.activity.id);
    const input: ReservationRequestCreateInput = {
      children: [occurrence.child.id],
      activity: occurrence.activity.id,
      date: occurrence.date,
    };
    const { reservationRequestPreview: preview } = await parent.request(
      ReservationPreviewDocument,
      { input },
    );
    if (preview.errors.length === 0 && preview.lines.every((l) => l.outcome === "CREATED")) {
      console.log(`Aperçu — ${occurrence.activity.name} :`);
      for (const line of preview.lines) {
        const price = line.priceCents == null ? "prix non connu" : euros.format(line.priceCents / 100);
        console.log(
          `  ${line.date} ${line.child?.firstName ?? ""} : ${line.outcomeLabel}, ${price} — ${line.message}`,
        );
      }
      return { input, occurrence };
    }
  }
  return undefined;
}

async function main(): Promise<void> {
  const settings = settingsFromEnv();
  console.log(
    `Serveur : ${settings.url}${settings.useDocumentIds ? " (opérations envoyées par documentId)" : ""}`,
  );
  const parent = new CreneauClient(settings);
  const staff = new CreneauClient(settings);
  try {
    // 1. The parent and her month.
    await login(parent, PARENT_EMAIL);
    const now = today();
    const monthStart = `${now.slice(0, 7)}-01`;
    const { planning } = await parent.request(PlanningDocument, {
      from: monthStart,
      to: endOfMonth(now),
    });
    const byStatus = new Map<string, number>();
    for (const occurrence of planning.occurrences) {
      byStatus.set(occurrence.statusLabel, (byStatus.get(occurrence.statusLabel) ?? 0) + 1);
    }
    const children = [...new Set(planning.occurrences.map((o) => o.child.firstName))].sort();
    console.log(
      `Planning du ${planning.startDate} au ${planning.endDate} (${children.join(", ")}) : ` +
        [...byStatus].map(([label, count]) => `${count} ${label}`).join(", "),
    );

    // 2. A date to reserve, previewed first.
    const chosen = await chooseReservation(parent, now);
    if (!chosen) {
      throw new Error(`aucune date à réserver soumise à validation dans les ${LOOKAHEAD_DAYS} jours`);
    }

    // 3. Her subscription listens before the request exists.
    const watcher = new EventWatcher<StatusEvent>(
      (async function* () {
        for await (const data of parent.subscribe(
          RequestStatusChangedDocument,
          { after: null },
          (d) => d.requestStatusChanged.cursor,
        )) {
          yield data.requestStatusChanged;
        }
      })(),
    );
    // …and so does her child's planning (one WebSocket carries both subscriptions).
    const child = chosen.occurrence.child;
    const planningWatcher = new EventWatcher<PlanningEvent>(
      (async function* () {
        for await (const data of parent.subscribe(
          PlanningChangedDocument,
          { children: [child.id], after: null },
          (d) => d.planningChanged.cursor,
        )) {
          yield data.planningChanged;
        }
      })(),
    );
    await parent.subscribed();
    const { reservationRequestCreate: created } = await parent.request(ReservationCreateDocument, {
      input: { ...chosen.input, idempotencyKey: `walkthrough-${Date.now()}` },
    });
    const problem = created.errors[0];
    if (problem || !created.request) {
      throw new Error(`réservation refusée : ${problem?.message ?? "pas de demande"}`);
    }
    const request = created.request;
    console.log(
      `Demande n° ${request.referenceLabel} créée : ${request.statusLabel} ` +
        `(${created.lines.map((l) => `${l.date} ${l.outcomeLabel}`).join(", ")})`,
    );
    const creation = await watcher.next(
      (e) => e.request?.id === request.id && e.step === "CREATED",
      5_000,
    );
    if (creation) {
      console.log(`Événement reçu : ${describe(creation)}`);
    }

    // The agent decides while the parent's subscription waits.
    await login(staff, STAFF_EMAIL);
    const beforeDecision = planningWatcher.mark();
    const { requestAccept } = await staff.request(RequestAcceptDocument, {
      request: request.id,
      message: "Bonne journée !",
    });
    const refused = requestAccept.errors[0];
    if (refused) {
      throw new Error(`l'agent n'a pas pu accepter : ${refused.message}`);
    }
    console.log(`L'agent a accepté : ${requestAccept.request?.statusLabel ?? "?"}`);
    const decision = await watcher.next(
      (e) => e.request?.id === request.id && e.step === "DECIDED",
      EVENT_TIMEOUT_MS,
    );
    if (!decision) {
      throw new Error(`aucune décision reçue en direct en ${EVENT_TIMEOUT_MS / 1000} s`);
    }
    console.log(`Décision en direct : ${describe(decision)}`);
    const booked = await planningWatcher.next(
      (e) => e.date === chosen.occurrence.date && e.child?.firstName === child.firstName,
      EVENT_TIMEOUT_MS,
      beforeDecision,
    );
    if (!booked) {
      throw new Error(`le planning de ${child.firstName} n'a pas changé en direct`);
    }
    console.log(`Planning en direct : ${child.firstName}, ${booked.date} — ${booked.statusLabel}`);

    // 4. Resuming after the creation's cursor replays the decision (no gap, no duplicate).
    if (creation) {
      const resumed = parent.subscribe(
        RequestStatusChangedDocument,
        { after: creation.cursor },
        (d) => d.requestStatusChanged.cursor,
      );
      const replayed = new EventWatcher<StatusEvent>(
        (async function* () {
          for await (const data of resumed) {
            yield data.requestStatusChanged;
          }
        })(),
      );
      const again = await replayed.next((e) => e.cursor === decision.cursor, EVENT_TIMEOUT_MS);
      if (!again) {
        throw new Error(`reprise après ${creation.cursor} : décision non rejouée`);
      }
      console.log(`Reprise après le curseur ${creation.cursor} : décision rejouée (${again.statusLabel})`);
    }

    // 5. Her invoices.
    const { invoices } = await parent.request(InvoicesDocument, { first: 10, after: null });
    console.log(`Factures : ${invoices.totalCount}`);
    for (const { node } of invoices.edges) {
      console.log(
        `  ${node.number} ${node.kindLabel} du ${node.periodStart} au ${node.periodEnd} : ` +
          `${euros.format(node.totalCents / 100)}, ${node.statusLabel}` +
          (node.remainingCents > 0 ? `, reste ${euros.format(node.remainingCents / 100)}` : ""),
      );
    }
    console.log("Parcours terminé.");
  } finally {
    await Promise.all([parent.close(), staff.close()]);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const code = error instanceof CreneauError && error.code ? ` [${error.code}]` : "";
    console.error(`Échec : ${error instanceof Error ? error.message : String(error)}${code}`);
    process.exit(1);
  },
);
