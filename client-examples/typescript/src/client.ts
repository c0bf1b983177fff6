/**
 * A small typed client for the Créneau GraphQL API: queries and mutations over HTTP
 * (fetch), subscriptions over WebSocket (graphql-ws, protocol graphql-transport-ws).
 *
 * - The server URL comes from ONE variable, CRENEAU_URL (default: the demo town on
 *   `make run`); the WebSocket URL is the same path with the ws(s) scheme.
 * - With CRENEAU_USE_DOCUMENT_IDS=1 every operation is sent by its `documentId` (the
 *   SHA-256 that codegen computed, also the key of the trusted-documents manifest)
 *   instead of its text: what a server in CRENEAU_TRUSTED_DOCUMENTS_MODE=require expects.
 * - Subscriptions authenticate in `connection_init` (`{ authToken }`) and resume with
 *   `after:`: when the connection drops, the client subscribes again after the last
 *   cursor it received, so no event is lost or delivered twice.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type OperationDefinitionNode } from "graphql";
import { createClient, type Client as WsClient, type SubscribePayload } from "graphql-ws";
import WebSocket from "ws";

export const DEFAULT_URL = "http://127.0.0.1:8000/saint-ismier/graphql";

/** Settings read from the environment (the only place the kit reads it). */
export interface ClientSettings {
  /** GraphQL-over-HTTP endpoint of one collectivity: http(s)://host/<tenant>/graphql. */
  url: string;
  /** Send `documentId` instead of the document's text. */
  useDocumentIds: boolean;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ClientSettings {
  return {
    url: env["CRENEAU_URL"] || DEFAULT_URL,
    useDocumentIds: env["CRENEAU_USE_DOCUMENT_IDS"] === "1",
  };
}

/** An error the server answered (transport, GraphQL `errors`, or trusted-documents refusal). */
export class CreneauError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = "CreneauError";
  }
}

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: string } }>;
}

/** The SHA-256 codegen embedded in a document (`persistedDocuments` in codegen.ts). */
export function documentId(document: TypedDocumentNode<unknown, never>): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) {
    throw new Error("document without __meta__.hash: run `npm run codegen`");
  }
  return hash;
}

function operationName(document: TypedDocumentNode<unknown, never>): string | undefined {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === "OperationDefinition",
  );
  return operation?.name?.value;
}

/** The request body of an operation: its text, or its id for a trusted-documents server. */
function payloadFor<TVariables>(
  document: TypedDocumentNode<unknown, TVariables>,
  variables: TVariables,
  useDocumentIds: boolean,
): Record<string, unknown> {
  const untyped = document as TypedDocumentNode<unknown, never>;
  const name = operationName(untyped);
  const body: Record<string, unknown> = { operationName: name, variables };
  if (useDocumentIds) {
    body["documentId"] = documentId(untyped);
  } else {
    body["query"] = print(document);
  }
  return body;
}

/** One collectivity's API, for one signed-in account (or anonymous). */
export class CreneauClient {
  readonly url: string;
  readonly wsUrl: string;
  readonly useDocumentIds: boolean;
  token: string | undefined;
  private ws: WsClient | undefined;
  private acknowledged = false;
  private onAck: Array<() => void> = [];

  constructor(settings: ClientSettings = settingsFromEnv()) {
    this.url = settings.url;
    this.wsUrl = settings.url.replace(/^http/, "ws");
    this.useDocumentIds = settings.useDocumentIds;
  }

  /** Run a query or mutation; resolve to its typed `data`, reject with a CreneauError. */
  async request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json;q=0.9",
    };
    if (this.token) {
      headers["authorization"] = `Bearer ${this.token}`;
    }
    const response = await fetch(this.url, {
      method: "POST",
      headers,
      body: JSON.stringify(payloadFor(document, variables, this.useDocumentIds)),
    });
    const text = await response.text();
    let body: GraphQLResponse<TData>;
    try {
      body = JSON.parse(text) as GraphQLResponse<TData>;
    } catch {
      throw new CreneauError(
        `HTTP ${response.status}: ${text.slice(0, 200)}`,
        undefined,
        response.status,
      );
    }
    const first = body.errors?.[0];
    if (first) {
      throw new CreneauError(first.message, first.extensions?.code, response.status);
    }
    if (body.data == null) {
      throw new CreneauError(`HTTP ${response.status} without data`, undefined, response.status);
    }
    return body.data;
  }

  /** The WebSocket connection, opened on first use with the current token. */
  private socket(): WsClient {
    if (!this.ws) {
      this.ws = createClient({
        url: this.wsUrl,
        // The platform's WebSocket (browsers, Node ≥ 22), else the `ws` package (Node 20).
        webSocketImpl: typeof globalThis.WebSocket === "function" ? globalThis.WebSocket : WebSocket,
        // Authentication happens once, at connection_init.
        connectionParams: () => (this.token ? { authToken: this.token } : {}),
        lazy: true,
        // No silent re-subscription with the original `after`: subscribe() below resumes
        // with the last cursor itself (graphql-ws would replay from the first one).
        retryAttempts: 0,
        // graphql-ws requires a `query` string in `subscribe`; a message naming a trusted
        // document leaves it out on the wire (the server runs the registered text).
        jsonMessageReplacer(this: unknown, key: string, value: unknown) {
          if (key === "query" && value === "" && isObject(this) && "documentId" in this) {
            return undefined;
          }
          return value;
        },
      });
      this.ws.on("connected", () => {
        this.acknowledged = true;
        for (const resolve of this.onAck.splice(0)) {
          resolve();
        }
      });
      this.ws.on("closed", () => {
        this.acknowledged = false;
      });
    }
    return this.ws;
  }

  /**
   * Resolves once the WebSocket connection is acknowledged (connection_ack), then `settleMs`
   * later. The protocol acknowledges no single subscription, and one without `after:`
   * starts at the events committed after the server registered it: wait a moment before
   * acting on what it should see (or resume with `after:`, which never misses anything).
   */
  async subscribed(settleMs = 1_000): Promise<void> {
    if (!this.acknowledged) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new CreneauError("WebSocket : pas de connection_ack en 10 s", undefined, undefined)),
          10_000,
        );
        this.onAck.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }

  /**
   * Subscribe and iterate over the typed events. `cursorOf` names each event's cursor:
   * when the connection drops, the subscription starts again with `after:` the last one
   * received (the server first replays every later event, in order, then the live ones).
   */
  async *subscribe<TData, TVariables extends { after?: string | null }>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    cursorOf: (data: TData) => string,
    { maxResumes = 5 }: { maxResumes?: number } = {},
  ): AsyncGenerator<TData, void, undefined> {
    let after = variables.after ?? null;
    for (let resumes = 0; ; resumes += 1) {
      const payload = payloadFor(document, { ...variables, after }, this.useDocumentIds);
      if (this.useDocumentIds) {
        payload["query"] = "";
      }
      const events = this.socket().iterate<TData>(payload as unknown as SubscribePayload);
      try {
        for await (const result of events) {
          const first = result.errors?.[0];
          if (first) {
            throw new CreneauError(first.message, codeOf(first), undefined);
          }
          if (result.data) {
            after = cursorOf(result.data);
            yield result.data;
          }
        }
        return; // the server completed the subscription
      } catch (error) {
        if (Array.isArray(error)) {
          // An `error` message: the server refused the subscription (GraphQL errors).
          const first = (error as Array<{ message: string; extensions?: unknown }>)[0];
          throw new CreneauError(first?.message ?? "abonnement refusé", first && codeOf(first), undefined);
        }
        if (error instanceof CreneauError || resumes >= maxResumes) {
          throw error;
        }
        // The socket closed under us (network, server restart): resume after `after`.
        await new Promise((resolve) => setTimeout(resolve, 500 * (resumes + 1)));
      }
    }
  }

  /** Close the WebSocket connection (if any). */
  async close(): Promise<void> {
    const ws = this.ws;
    this.ws = undefined;
    this.acknowledged = false;
    await ws?.dispose();
  }
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

function codeOf(error: { extensions?: unknown }): string | undefined {
  const extensions = error.extensions;
  if (isObject(extensions) && "code" in extensions && typeof extensions.code === "string") {
    return extensions.code;
  }
  return undefined;
}
