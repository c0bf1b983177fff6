/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An inclusive range of dates. */
export type DateRangeInput = {
  /** First date (inclusive). */
  gte: string;
  /** Last date (inclusive). */
  lte: string;
};

/** A step of « Historique de la demande ». */
export type HistoryStep =
  /** Demande annulée */
  | 'CANCELLED'
  /** Création de demande */
  | 'CREATED'
  /** Décision */
  | 'DECIDED'
  /** Décision sur une date */
  | 'LINE_DECIDED'
  /** Sortie de la liste d'attente */
  | 'PROMOTED'
  /** Demande transmise à l'application métier */
  | 'TRANSMITTED';

/** Where an invoice stands: to pay, partially paid, paid, transmitted to the public treasury, cancelled. */
export type InvoiceStatus =
  /** Annulée */
  | 'CANCELLED'
  /** À payer */
  | 'ISSUED'
  /** Payée */
  | 'PAID'
  /** Partiellement payée */
  | 'PARTIALLY_PAID'
  /** Transmis en trésorerie */
  | 'TRANSMITTED_TO_TREASURY';

/** What became of one child × slot × date of a request when it was made. */
export type LineOutcome =
  /** Acceptée */
  | 'ACCEPTED'
  /** En attente de validation */
  | 'CREATED'
  /** Refusée */
  | 'REJECTED'
  /** En liste d'attente */
  | 'WAITING_LIST';

/** Why a login was refused. */
export type LoginErrorCode =
  /** The account was disabled by the collectivity. */
  | 'ACCOUNT_DISABLED'
  /** The account's activation link was not followed yet. */
  | 'ACCOUNT_NOT_ACTIVATED'
  /** Wrong e-mail address or password. */
  | 'INVALID_CREDENTIALS'
  /** Too many attempts: try again later. */
  | 'THROTTLED';

/** Status of a slot occurrence (the planning's legend). */
export type OccurrenceStatus =
  /** Enfant absent à cette activité */
  | 'ABSENT'
  /** Absence facturée */
  | 'ABSENT_BILLED'
  /** Disponible */
  | 'AVAILABLE'
  /** Demande en attente de validation */
  | 'PENDING'
  /** Enfant présent */
  | 'PRESENT'
  /** Activité réservée */
  | 'RESERVED'
  /** Enfant en liste d'attente */
  | 'WAITING_LIST';

/** Why requestAccept was refused. */
export type RequestAcceptErrorCode =
  /** The date is already reserved for the child. */
  | 'ALREADY_RESERVED'
  /** No activity that day (holidays, closure, no slot). */
  | 'CLOSED_DAY'
  /** The same thing is given twice, or already exists. */
  | 'DUPLICATE'
  /** Another slot of the same group is already booked that day. */
  | 'EXCLUSIVE_SLOT_TAKEN'
  /** The object's current state does not allow the action. */
  | 'INVALID_STATE'
  /** The activity's number of days per month is reached. */
  | 'MONTHLY_LIMIT_REACHED'
  /** The activity is not open to this child (grade, age). */
  | 'NOT_ELIGIBLE'
  /** The object named in the input does not exist or is not the viewer's. */
  | 'NOT_FOUND'
  /** The child is not registered for the activity. */
  | 'NOT_REGISTERED'
  /** Nothing is reserved that date: no absence to declare. */
  | 'NOT_RESERVED'
  /** The date is outside the child's registration period. */
  | 'OUTSIDE_REGISTRATION_PERIOD'
  /** A request on this date is already waiting for staff. */
  | 'PENDING_REQUEST'
  /** The slot is full. */
  | 'SLOT_FULL'
  /** A text is too long. */
  | 'TOO_LONG'
  /** Too many items in a list. */
  | 'TOO_MANY'
  /** The request is not of the type this mutation decides. */
  | 'WRONG_TYPE';

/** Outcome of one date of a request. */
export type RequestLineStatus =
  /** Acceptée */
  | 'ACCEPTED'
  /** Annulée */
  | 'CANCELLED'
  /** En attente de validation */
  | 'PENDING'
  /** Refusée */
  | 'REFUSED'
  /** En liste d'attente */
  | 'WAITING_LIST';

/** Life cycle of a request: PENDING → TRANSMITTED → ACCEPTED | PARTIALLY_ACCEPTED | REFUSED, or CANCELLED by the family before the decision. */
export type RequestStatus =
  /** Acceptée */
  | 'ACCEPTED'
  /** Annulée */
  | 'CANCELLED'
  /** Partiellement acceptée */
  | 'PARTIALLY_ACCEPTED'
  /** En cours d'instruction */
  | 'PENDING'
  /** Refusée */
  | 'REFUSED'
  /** Transmise */
  | 'TRANSMITTED';

/** Why reservationRequestCreate recorded nothing. */
export type ReservationRequestCreateErrorCode =
  /** The date is already reserved for the child. */
  | 'ALREADY_RESERVED'
  /** No activity that day (holidays, closure, no slot). */
  | 'CLOSED_DAY'
  /** The deadline for this date has passed. */
  | 'DEADLINE_PASSED'
  /** Another slot of the same group is already booked that day. */
  | 'EXCLUSIVE_SLOT_TAKEN'
  /** The idempotency key was used for a different input. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** The period is not valid (end before start, longer than a school year). */
  | 'INVALID_PERIOD'
  /** The activity's number of days per month is reached. */
  | 'MONTHLY_LIMIT_REACHED'
  /** The activity is not open to this child (grade, age). */
  | 'NOT_ELIGIBLE'
  /** The object named in the input does not exist or is not the viewer's. */
  | 'NOT_FOUND'
  /** The child is not registered for the activity. */
  | 'NOT_REGISTERED'
  /** No date of the request could be kept: each date's reason is on its line. */
  | 'NO_DATE_RECORDED'
  /** The date is outside the child's registration period. */
  | 'OUTSIDE_REGISTRATION_PERIOD'
  /** A request on this date is already waiting for staff. */
  | 'PENDING_REQUEST'
  /** The slot is full. */
  | 'SLOT_FULL'
  /** A text is too long. */
  | 'TEXT_TOO_LONG'
  /** Too many children in one request. */
  | 'TOO_MANY_CHILDREN'
  /** The request would have too many dates. */
  | 'TOO_MANY_LINES';

/** A reservation: one day from the planning (« date ») or a period from the form (« dates », « weekdays »), for one child or several. */
export type ReservationRequestCreateInput = {
  /** The activity. */
  activity: string | number;
  /** The children (at most 100), of the viewer's family. */
  children: Array<string | number>;
  /** A comment for staff. */
  comment?: string | null | undefined;
  /** One day (from the planning); or give « dates ». */
  date?: string | null | undefined;
  /** A period « Du … Au … » (at most one school year). */
  dates?: DateRangeInput | null | undefined;
  /** A key of the client's choosing: a retry with the same key returns the first result and creates nothing. */
  idempotencyKey?: string | null | undefined;
  /** Only these slots of the activity (the planning's occurrence, or a time of the form); default: all its slots on the days asked. */
  slots?: Array<string | number> | null | undefined;
  /** With « dates »: only these days of the week (« lundi, mardi … »); default: every day the activity has a slot. */
  weekdays?: Array<Weekday> | null | undefined;
};

/** What an account may do. */
export type Role =
  /** Administrateur */
  | 'ADMIN'
  /** Parent */
  | 'PARENT'
  /** Statistiques */
  | 'REPORTING'
  /** Agent */
  | 'STAFF';

/** ISO day of the week (MONDAY = 1). */
export type Weekday =
  /** Vendredi */
  | 'FRIDAY'
  /** Lundi */
  | 'MONDAY'
  /** Samedi */
  | 'SATURDAY'
  /** Dimanche */
  | 'SUNDAY'
  /** Jeudi */
  | 'THURSDAY'
  /** Mardi */
  | 'TUESDAY'
  /** Mercredi */
  | 'WEDNESDAY';

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login: { token: string | null, expiresAt: string | null, account: { firstName: string, lastName: string, role: Role } | null, errors: Array<{ code: LoginErrorCode, message: string }> } };

export type PlanningQueryVariables = Exact<{
  from: string;
  to: string;
  children?: Array<string | number> | string | number | null | undefined;
}>;


export type PlanningQuery = { planning: { startDate: string, endDate: string, occurrences: Array<{ slotId: string, date: string, startTime: string, endTime: string, status: OccurrenceStatus, statusLabel: string, canReserve: boolean, reserveWouldWaitList: boolean, child: { id: string, firstName: string }, activity: { id: string, code: string, name: string } }> } };

export type ReservationPreviewMutationVariables = Exact<{
  input: ReservationRequestCreateInput;
}>;


export type ReservationPreviewMutation = { reservationRequestPreview: { lines: Array<{ date: string, outcome: LineOutcome, outcomeLabel: string, message: string, priceCents: number | null, bookingDeadline: string | null, cancellationDeadline: string | null, child: { firstName: string } | null }>, errors: Array<{ code: ReservationRequestCreateErrorCode, message: string, field: Array<string> }> } };

export type ReservationCreateMutationVariables = Exact<{
  input: ReservationRequestCreateInput;
}>;


export type ReservationCreateMutation = { reservationRequestCreate: { request: { id: string, reference: number, referenceLabel: string, status: RequestStatus, statusLabel: string } | null, lines: Array<{ date: string, outcome: LineOutcome, outcomeLabel: string, message: string }>, errors: Array<{ code: ReservationRequestCreateErrorCode, message: string, field: Array<string> }> } };

export type RequestAcceptMutationVariables = Exact<{
  request: string | number;
  message?: string | null | undefined;
}>;


export type RequestAcceptMutation = { requestAccept: { request: { id: string, status: RequestStatus, statusLabel: string } | null, lines: Array<{ date: string, status: RequestLineStatus, statusLabel: string }>, errors: Array<{ code: RequestAcceptErrorCode, message: string }> } };

export type InvoicesQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type InvoicesQuery = { invoices: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, number: string, kindLabel: string, periodStart: string, periodEnd: string, issuedOn: string, dueOn: string, totalCents: number, remainingCents: number, status: InvoiceStatus, statusLabel: string, canPayOnline: boolean, pdfUrl: string } }> } };

export type RequestStatusChangedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type RequestStatusChangedSubscription = { requestStatusChanged: { cursor: string, occurredAt: string, step: HistoryStep, stepLabel: string, status: RequestStatus, statusLabel: string, referenceLabel: string, typeLabel: string, note: string | null, request: { id: string, status: RequestStatus } | null } };

export type PlanningChangedSubscriptionVariables = Exact<{
  children?: Array<string | number> | string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type PlanningChangedSubscription = { planningChanged: { cursor: string, occurredAt: string, date: string | null, statusLabel: string, child: { firstName: string } | null } };


export const LoginDocument = {"__meta__":{"hash":"sha256:cb57ee4dec16c73fd192e658c3c5d1f7f181365bf2ddddcce2c6b7702e95d4c2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const PlanningDocument = {"__meta__":{"hash":"sha256:da9d10a35290e4a358e115345bc394272bf5e975aee28cfe8c2b17bfa33a1514"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Planning"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"children"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planning"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"gte"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"lte"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"children"},"value":{"kind":"Variable","name":{"kind":"Name","value":"children"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"occurrences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slotId"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"canReserve"}},{"kind":"Field","name":{"kind":"Name","value":"reserveWouldWaitList"}},{"kind":"Field","name":{"kind":"Name","value":"child"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlanningQuery, PlanningQueryVariables>;
export const ReservationPreviewDocument = {"__meta__":{"hash":"sha256:afb0c85eb249e0e62f5f9a08d162672ab4eef33e07d6e794646430174eeb38a7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReservationPreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReservationRequestCreateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reservationRequestPreview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeLabel"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"bookingDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"cancellationDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"child"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"firstName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ReservationPreviewMutation, ReservationPreviewMutationVariables>;
export const ReservationCreateDocument = {"__meta__":{"hash":"sha256:5bb54e33d47dd28cd9a8ea114e702bf512b34ea9a3e665ea28e81a0d14b992ec"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReservationCreate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReservationRequestCreateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reservationRequestCreate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"request"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"referenceLabel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeLabel"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ReservationCreateMutation, ReservationCreateMutationVariables>;
export const RequestAcceptDocument = {"__meta__":{"hash":"sha256:0ed3816f597c1279377215d40d025928997a1ec400a066a21bae16244ed930e4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestAccept"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"request"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"message"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestAccept"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"request"},"value":{"kind":"Variable","name":{"kind":"Name","value":"request"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"message"},"value":{"kind":"Variable","name":{"kind":"Name","value":"message"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"request"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RequestAcceptMutation, RequestAcceptMutationVariables>;
export const InvoicesDocument = {"__meta__":{"hash":"sha256:5d9de01f47da79364ae9d63001602bbf2bba9ecfb713200ff933c1c0f15e3d00"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Invoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"kindLabel"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"remainingCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"canPayOnline"}},{"kind":"Field","name":{"kind":"Name","value":"pdfUrl"}}]}}]}}]}}]}}]} as unknown as DocumentNode<InvoicesQuery, InvoicesQueryVariables>;
export const RequestStatusChangedDocument = {"__meta__":{"hash":"sha256:b9bf646a9072d89e3051804650e67f547d9b24b9f12e291c6842e2f5213bd621"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RequestStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"stepLabel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"referenceLabel"}},{"kind":"Field","name":{"kind":"Name","value":"typeLabel"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"request"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<RequestStatusChangedSubscription, RequestStatusChangedSubscriptionVariables>;
export const PlanningChangedDocument = {"__meta__":{"hash":"sha256:20cd77646e2d413c469322478a1bc182e00d76a1f1372dde8322b53379d764db"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PlanningChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"children"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planningChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"children"},"value":{"kind":"Variable","name":{"kind":"Name","value":"children"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"statusLabel"}},{"kind":"Field","name":{"kind":"Name","value":"child"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"firstName"}}]}}]}}]}}]} as unknown as DocumentNode<PlanningChangedSubscription, PlanningChangedSubscriptionVariables>;