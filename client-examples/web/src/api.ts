/**
 * The app's link to the API: the tenant from the page's URL (/<tenant>/app/), queries and
 * mutations over fetch, subscriptions over one graphql-ws connection (graphql-transport-ws)
 * authenticated in connection_init. The session token lives in sessionStorage: closing the
 * tab signs out, and two tabs (or two browser contexts) can hold two accounts.
 */
import { createClient, type Client as WsClient } from "graphql-ws";
import type { TypedDocumentString } from "./gql/graphql";

/** The page's path is [<proxy prefix>]/<tenant>/app/…: the API is at …/<tenant>/graphql. */
const segments = window.location.pathname.split("/");
const appAt = segments.indexOf("app", 2);
/** The collectivity's slug, from the page's URL. */
export const tenant = decodeURIComponent(appAt > 1 ? segments[appAt - 1]! : "saint-ismier");
export const httpUrl = `${appAt > 1 ? segments.slice(0, appAt).join("/") : "/saint-ismier"}/graphql`;
const wsUrl = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}${httpUrl}`;

/**
 * A server that runs only registered operations (CRENEAU_TRUSTED_DOCUMENTS_MODE=require)
 * says so in the page: then each operation is sent by its documentId — the SHA-256 that
 * codegen computed, key of src/gql/persisted-documents.json — instead of its text.
 */
const byDocumentId =
  document.querySelector<HTMLMetaElement>('meta[name="creneau-trusted-documents"]')?.content ===
  "require";

/** The body of an operation: its text, or its registered id. */
function operation<TData, TVariables>(
  doc: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
): { query: string; documentId?: string; variables: TVariables } {
  const id = (doc.__meta__ as { hash?: string } | undefined)?.hash;
  if (byDocumentId && id) {
    // graphql-ws insists on a `query` string: the server reads "" beside an id as none.
    return { query: "", documentId: id, variables };
  }
  return { query: doc.toString(), variables };
}

const TOKEN_KEY = "creneau.token";
const ROLE_KEY = "creneau.role";
const NAME_KEY = "creneau.name";

/** An answer of the server that is not data: transport, GraphQL `errors`, HTTP status. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface Session {
  token: string;
  role: string;
  name: string;
}

export function session(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    return undefined;
  }
  return {
    token,
    role: sessionStorage.getItem(ROLE_KEY) ?? "PARENT",
    name: sessionStorage.getItem(NAME_KEY) ?? "",
  };
}

export function saveSession(value: Session): void {
  sessionStorage.setItem(TOKEN_KEY, value.token);
  sessionStorage.setItem(ROLE_KEY, value.role);
  sessionStorage.setItem(NAME_KEY, value.name);
  resetSocket();
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(ROLE_KEY);
  sessionStorage.removeItem(NAME_KEY);
  resetSocket();
}

export function isStaff(value: Session | undefined): boolean {
  return value?.role === "STAFF" || value?.role === "ADMIN";
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: string } }>;
}

/** Run a query or mutation; resolve to its typed `data`, reject with an ApiError. */
export async function request<TData, TVariables>(
  doc: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/graphql-response+json, application/json;q=0.9",
  };
  const token = session()?.token;
  if (token) {
    headers["authorization"] = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await fetch(httpUrl, {
      method: "POST",
      headers,
      // Over HTTP an operation sent by id carries no `query` at all.
      body: JSON.stringify(operation(doc, variables), (key, value: unknown) =>
        key === "query" && value === "" ? undefined : value,
      ),
    });
  } catch {
    throw new ApiError("Le serveur ne répond pas. Vérifiez votre connexion.", "NETWORK");
  }
  let body: GraphQLResponse<TData>;
  try {
    body = (await response.json()) as GraphQLResponse<TData>;
  } catch {
    throw new ApiError(`Réponse inattendue du serveur (HTTP ${response.status}).`, undefined);
  }
  const first = body.errors?.[0];
  if (first) {
    if (first.extensions?.code === "UNAUTHENTICATED" && token) {
      clearSession(); // the session expired or was revoked: back to the login page
      window.location.hash = "#/connexion";
    }
    throw new ApiError(first.message, first.extensions?.code);
  }
  if (body.data == null) {
    throw new ApiError(`Réponse vide du serveur (HTTP ${response.status}).`, undefined);
  }
  return body.data;
}

let socket: WsClient | undefined;

function resetSocket(): void {
  const old = socket;
  socket = undefined;
  void old?.dispose();
}

function ws(): WsClient {
  if (!socket) {
    socket = createClient({
      url: wsUrl,
      lazy: true,
      connectionParams: () => {
        const token = session()?.token;
        return token ? { authToken: token } : {};
      },
      // No silent re-subscription with the original variables: subscribe() below resumes
      // each subscription with `after:` its last cursor (no gap, no duplicate).
      retryAttempts: 0,
    });
  }
  return socket;
}

/**
 * Subscribe; `onEvent` gets each typed event. Resumes after the last cursor received when
 * the connection comes back (the server replays what was missed). Returns the unsubscribe
 * function.
 */
export function subscribe<TData, TVariables extends { after?: string | null }>(
  doc: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  cursorOf: (data: TData) => string,
  onEvent: (data: TData) => void,
  onError: (message: string) => void = () => undefined,
): () => void {
  let after = variables.after ?? null;
  let stopped = false;
  let unsubscribe: () => void = () => undefined;
  const start = (): void => {
    unsubscribe = ws().subscribe<TData>(
      operation(doc, { ...variables, after }),
      {
        next: (result) => {
          const first = result.errors?.[0];
          if (first) {
            onError(first.message);
          } else if (result.data) {
            after = cursorOf(result.data);
            onEvent(result.data);
          }
        },
        error: (error) => {
          if (Array.isArray(error)) {
            onError((error[0] as { message?: string } | undefined)?.message ?? "Abonnement refusé.");
            return;
          }
          if ((error as { code?: number } | null)?.code === 4403) {
            // The server refused the session token (expired, revoked): sign in again.
            stopped = true;
            clearSession();
            window.location.hash = "#/connexion";
            return;
          }
          // The socket closed (network, server restart): resume after the last cursor.
          if (!stopped) {
            setTimeout(() => !stopped && start(), 3_000);
          }
        },
        complete: () => undefined,
      },
    );
  };
  start();
  return () => {
    stopped = true;
    unsubscribe();
  };
}

/** Fetch a file the API serves to a bearer token (invoice PDF), and open it. */
export async function openProtected(path: string, filename: string): Promise<void> {
  const token = session()?.token;
  const response = await fetch(path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    throw new ApiError(`Téléchargement impossible (HTTP ${response.status}).`, undefined);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
