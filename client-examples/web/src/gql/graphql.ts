/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Why absenceRequestCreate recorded nothing. */
export type AbsenceRequestCreateErrorCode =
  /** No activity that day (holidays, closure, no slot). */
  | 'CLOSED_DAY'
  /** The deadline for this date has passed. */
  | 'DEADLINE_PASSED'
  /** The idempotency key was used for a different input. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** The period is not valid (end before start, longer than a school year). */
  | 'INVALID_PERIOD'
  /** The object named in the input does not exist or is not the viewer's. */
  | 'NOT_FOUND'
  /** The child is not registered for the activity. */
  | 'NOT_REGISTERED'
  /** Nothing is reserved that date: no absence to declare. */
  | 'NOT_RESERVED'
  /** No date of the request could be kept: each date's reason is on its line. */
  | 'NO_DATE_RECORDED'
  /** The date is outside the child's registration period. */
  | 'OUTSIDE_REGISTRATION_PERIOD'
  /** A request on this date is already waiting for staff. */
  | 'PENDING_REQUEST'
  /** A text is too long. */
  | 'TEXT_TOO_LONG'
  /** Too many children in one request. */
  | 'TOO_MANY_CHILDREN'
  /** The request would have too many dates. */
  | 'TOO_MANY_LINES';

/** An absence on reserved dates: one day from the planning or a period from the form, for one child or several. Free before the cancellation deadline, billed after it unless justified. */
export type AbsenceRequestCreateInput = {
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
  /** Raison de l'absence (« malade »), shown to staff. */
  reason?: string | null | undefined;
  /** Only these slots of the activity (default: all). */
  slots?: Array<string | number> | null | undefined;
  /** With « dates »: only these days of the week. */
  weekdays?: Array<Weekday> | null | undefined;
};

/** CAF or MSA. */
export type AllowanceRegime =
  /** Caisse d'allocations familiales (CAF) */
  | 'CAF'
  /** Mutualité sociale agricole (MSA) */
  | 'MSA';

/** What staff marked on the day. */
export type Attendance =
  /** Absent */
  | 'ABSENT'
  /** Présent */
  | 'PRESENT';

/** One child's presence. */
export type AttendanceMarkEntryInput = {
  /** The child. */
  child: string | number;
  /** Present (true) or absent (false). */
  present: boolean;
};

/** Why attendanceMark was refused. */
export type AttendanceMarkErrorCode =
  /** The same thing is given twice, or already exists. */
  | 'DUPLICATE'
  /** The date is in the future. */
  | 'FUTURE_DATE'
  /** The object named in the input does not exist or is not the viewer's. */
  | 'NOT_FOUND'
  /** The slot does not take place that day. */
  | 'NOT_RUNNING'
  /** Too many items in a list. */
  | 'TOO_MANY';

/** The attendance check (pointage) of one slot on one date. */
export type AttendanceMarkInput = {
  /** The date (today or earlier). */
  date: string;
  /** Each child's presence (≤ 200); children not listed are left as they are. */
  marks: Array<AttendanceMarkEntryInput>;
  /** The slot. */
  slot: string | number;
};

/** Civilité (« Monsieur », « Madame »). */
export type Civility =
  /** Madame */
  | 'MADAME'
  /** Monsieur */
  | 'MONSIEUR'
  /** Monsieur */
  | 'MR'
  /** Madame */
  | 'MS';

/** An inclusive range of dates. */
export type DateRangeInput = {
  /** First date (inclusive). */
  gte: string;
  /** Last date (inclusive). */
  lte: string;
};

/** Why guardianChangeRequestCreate was refused. */
export type GuardianChangeRequestCreateErrorCode =
  /** The CAF / MSA allowance holder needs both a regime and a number. */
  | 'ALLOCATAIRE_INCOMPLETE'
  /** Another guardian of the family is already the allowance holder. */
  | 'ALLOCATAIRE_TAKEN'
  /** A change request of this kind is already waiting for staff. */
  | 'ALREADY_PENDING'
  /** The idempotency key was used for a different input. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** The e-mail address is not valid (or not the one expected). */
  | 'INVALID_EMAIL'
  /** The phone number is not valid. */
  | 'INVALID_PHONE'
  /** The number is not a mobile phone number. */
  | 'NOT_A_MOBILE'
  /** The object named in the input does not exist or is not the viewer's. */
  | 'NOT_FOUND'
  /** Nothing differs from the current file. */
  | 'NO_CHANGE'
  /** A required value is missing. */
  | 'REQUIRED'
  /** A text is too long. */
  | 'TOO_LONG';

/** Ask to change a guardian's identity or contact details. */
export type GuardianChangeRequestCreateInput = {
  /** Only the fields to change. */
  changes: GuardianChangesInput;
  /** A comment for the collectivity. */
  comment?: string | null | undefined;
  /** The guardian (of your family). */
  guardian: string | number;
  /** Any unique string: a retry with the same key returns the first result, creates nothing. */
  idempotencyKey?: string | null | undefined;
};

/** New values for a guardian's identity and contact details. */
export type GuardianChangesInput = {
  /** Numéro d'allocataire. Omit to keep the value on file; null empties it. */
  allocataireNumber?: string | null | undefined;
  /** CAF or MSA. Omit to keep the value on file; null empties it. */
  allowanceRegime?: AllowanceRegime | null | undefined;
  /** Nom de naissance. Omit to keep the value on file; null empties it. */
  birthName?: string | null | undefined;
  /** Civilité. Omit to keep the value on file; null empties it. */
  civility?: Civility | null | undefined;
  /** Authorizes the town to fetch the family quotient from the CAF. Omit to keep the value on file; null empties it. */
  consentsQuotientLookup?: boolean | null | undefined;
  /** Email address. Omit to keep the value on file; null empties it. */
  email?: string | null | undefined;
  /** Employer. Omit to keep the value on file; null empties it. */
  employer?: string | null | undefined;
  /** Prénom. Omit to keep the value on file; null empties it. */
  firstName?: string | null | undefined;
  /** The family's CAF/MSA allocataire (one per family; needs a regime and a number). Omit to keep the value on file; null empties it. */
  isAllocataire?: boolean | null | undefined;
  /** Nom. Omit to keep the value on file; null empties it. */
  lastName?: string | null | undefined;
  /** Situation familiale. Omit to keep the value on file; null empties it. */
  maritalStatus?: MaritalStatus | null | undefined;
  /** Mobile phone (must receive SMS). Omit to keep the value on file; null empties it. */
  mobilePhone?: string | null | undefined;
  /** Landline phone. Omit to keep the value on file; null empties it. */
  phone?: string | null | undefined;
  /** Profession. Omit to keep the value on file; null empties it. */
  profession?: string | null | undefined;
  /** Qualité. Omit to keep the value on file; null empties it. */
  relationship?: Relationship | null | undefined;
  /** Work phone. Omit to keep the value on file; null empties it. */
  workPhone?: string | null | undefined;
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

/** Why invoicePaymentStart was refused. */
export type InvoicePaymentStartErrorCode =
  /** The invoice is already paid. */
  | 'ALREADY_PAID'
  /** The family pays by direct debit: the invoice is debited. */
  | 'DIRECT_DEBIT_FAMILY'
  /** The invoice's due date has passed. */
  | 'DUE_DATE_PASSED'
  /** The invoice is cancelled. */
  | 'INVOICE_CANCELLED'
  /** The invoice was transmitted to the treasury. */
  | 'INVOICE_TRANSMITTED'
  /** The object named in the input does not exist or is not the viewer's. */
  | 'NOT_FOUND'
  /** The invoice cannot be paid now. */
  | 'NOT_PAYABLE'
  /** Online payment is not offered by the collectivity. */
  | 'ONLINE_PAYMENT_UNAVAILABLE'
  /** The return address is not on the portal's or an allowed origin. */
  | 'RETURN_URL_NOT_ALLOWED';

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

/** Situation familiale. */
export type MaritalStatus =
  /** Célibataire */
  | 'CELIBATAIRE'
  /** Pacsé(e) */
  | 'CIVIL_PARTNERSHIP'
  /** Vie maritale */
  | 'COHABITING'
  /** Vie maritale */
  | 'CONCUBINAGE'
  /** Divorcé(e) */
  | 'DIVORCE'
  /** Divorcé(e) */
  | 'DIVORCED'
  /** Marié(e) */
  | 'MARIE'
  /** Marié(e) */
  | 'MARRIED'
  /** Pacsé(e) */
  | 'PACSE'
  /** Séparé(e) */
  | 'SEPARATED'
  /** Séparé(e) */
  | 'SEPARE'
  /** Célibataire */
  | 'SINGLE'
  /** Veuf (veuve) */
  | 'VEUF'
  /** Veuf (veuve) */
  | 'WIDOWED';

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

/** A registration wished by the family (REQUESTED) becomes ACTIVE or REFUSED when staff decide; the family may cancel it while REQUESTED (CANCELLED). */
export type RegistrationStatus =
  /** Validée */
  | 'ACTIVE'
  /** Annulée */
  | 'CANCELLED'
  /** Refusée */
  | 'REFUSED'
  /** Demandée */
  | 'REQUESTED';

/** Qualité of a guardian. */
export type Relationship =
  /** Autre */
  | 'AUTRE'
  /** Beau-père */
  | 'BEAU_PERE'
  /** Belle-mère */
  | 'BELLE_MERE'
  /** Famille d'accueil */
  | 'FAMILLE_ACCUEIL'
  /** Père */
  | 'FATHER'
  /** Tutrice */
  | 'FEMALE_GUARDIAN'
  /** Famille d'accueil */
  | 'FOSTER_FAMILY'
  /** Grand-parent */
  | 'GRANDPARENT'
  /** Grand-parent */
  | 'GRAND_PARENT'
  /** Tuteur */
  | 'MALE_GUARDIAN'
  /** Mère */
  | 'MERE'
  /** Mère */
  | 'MOTHER'
  /** Autre */
  | 'OTHER'
  /** Père */
  | 'PERE'
  /** Beau-père */
  | 'STEPFATHER'
  /** Belle-mère */
  | 'STEPMOTHER'
  /** Tuteur */
  | 'TUTEUR'
  /** Tutrice */
  | 'TUTRICE';

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

/** Staff accept a reservation or absence request. */
export type RequestAcceptInput = {
  /** Only these dates (RequestLine IDs, ≤ 100); null: every pending date. */
  lines?: Array<string | number> | null | undefined;
  /** A message for the family, kept on the request and mailed. */
  message?: string | null | undefined;
  /** The request. */
  request: string | number;
};

/** Why requestCancel did not cancel the request. */
export type RequestCancelErrorCode =
  /** The request is already decided: it cannot be cancelled. */
  | 'NOT_CANCELLABLE'
  /** The object named in the input does not exist or is not the viewer's. */
  | 'NOT_FOUND';

/** Filters of « Mes demandes » and of the staff inbox. */
export type RequestFilter = {
  /** Only requests about this activity (subject or dates). */
  activity?: string | number | null | undefined;
  /** Only requests about this child. */
  child?: string | number | null | undefined;
  /** Only requests with a date in this range (a reservation or absence date, or a period overlapping it). */
  dates?: DateRangeInput | null | undefined;
  /** Only requests about an activity of this establishment (subject or dates). */
  establishment?: string | number | null | undefined;
  /** Staff: only this family's requests. */
  family?: string | number | null | undefined;
  /** The request with this number (« 17 378 981 » or 17378981). */
  reference?: string | null | undefined;
  /** En cours or Traité (null: all, « Tous »). */
  stateGroup?: RequestStateGroup | null | undefined;
  /** By status. */
  status?: RequestStatusFilter | null | undefined;
  /** By type. */
  type?: RequestTypeFilter | null | undefined;
};

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

/** Why requestMessagePost was refused. */
export type RequestMessagePostErrorCode =
  /** The idempotency key was used for a different input. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** The object named in the input does not exist or is not the viewer's. */
  | 'NOT_FOUND'
  /** A required value is missing. */
  | 'REQUIRED'
  /** A text is too long. */
  | 'TOO_LONG';

/** A message on a request: staff to the family, or a reply. */
export type RequestMessagePostInput = {
  /** The text (≤ 5,000 characters). */
  body: string;
  /** Optional key (≤ 100 characters): a retry with the same key returns the first message instead of writing it twice. */
  idempotencyKey?: string | null | undefined;
  /** The request. */
  request: string | number;
};

/** Order of the requests list: NEWEST_FIRST (« Mes demandes ») or OLDEST_FIRST (the staff inbox, first come first served). */
export type RequestOrder =
  /** Plus récentes d'abord */
  | 'NEWEST_FIRST'
  /** Plus anciennes d'abord */
  | 'OLDEST_FIRST';

/** Why requestRefuse was refused. */
export type RequestRefuseErrorCode =
  /** The same thing is given twice, or already exists. */
  | 'DUPLICATE'
  /** The object's current state does not allow the action. */
  | 'INVALID_STATE'
  /** A message for the family is required. */
  | 'MESSAGE_REQUIRED'
  /** The object named in the input does not exist or is not the viewer's. */
  | 'NOT_FOUND'
  /** A text is too long. */
  | 'TOO_LONG'
  /** Too many items in a list. */
  | 'TOO_MANY'
  /** The request is not of the type this mutation decides. */
  | 'WRONG_TYPE';

/** Staff refuse a reservation or absence request. */
export type RequestRefuseInput = {
  /** Only these dates (RequestLine IDs, ≤ 100); null: every pending date and every date still on the waiting list. A waiting-listed date may be refused even once the request is decided: the child leaves the waiting list. */
  lines?: Array<string | number> | null | undefined;
  /** Why, for the family (required; kept on the request and mailed). */
  message: string;
  /** The request. */
  request: string | number;
};

/** The list's « État » filter: IN_PROGRESS (En cours: pending or transmitted), PROCESSED (Traité: accepted, partially accepted, refused or cancelled). */
export type RequestStateGroup =
  /** En cours */
  | 'IN_PROGRESS'
  /** Traité */
  | 'PROCESSED';

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

/** Match one request status or any of several. */
export type RequestStatusFilter = {
  /** Exactly this. */
  eq?: RequestStatus | null | undefined;
  /** Any of these (« En cours »: PENDING and TRANSMITTED). */
  oneOf?: Array<RequestStatus> | null | undefined;
};

/** Type demande: reservation, absence, a change to the file… */
export type RequestType =
  /** Déclaration d'absence */
  | 'ABSENCE'
  /** Demande d'inscription */
  | 'ACTIVITY_REGISTRATION'
  /** Ajout individu autorisation */
  | 'AUTHORIZED_PERSON_ADD'
  /** Modification individu autorisation */
  | 'AUTHORIZED_PERSON_CHANGE'
  /** Suppression individu autorisation */
  | 'AUTHORIZED_PERSON_REMOVE'
  /** Modification d'info bancaire principal */
  | 'BANK_ACCOUNT_CHANGE'
  /** Modification des autorisations */
  | 'CHILD_AUTHORIZATIONS_CHANGE'
  /** Modification de l'enfant */
  | 'CHILD_CHANGE'
  /** Modification complément enfant */
  | 'CHILD_COMPLEMENT_CHANGE'
  /** Modification de la photo */
  | 'CHILD_PHOTO_CHANGE'
  /** Création du dossier famille */
  | 'FAMILY_REGISTRATION'
  /** Modification de l'adresse du responsable */
  | 'GUARDIAN_ADDRESS_CHANGE'
  /** Modification du responsable */
  | 'GUARDIAN_CHANGE'
  /** Modification des données sanitaires */
  | 'HEALTH_RECORD_CHANGE'
  /** Ajout de réservation */
  | 'RESERVATION'
  /** Modification des vaccins */
  | 'VACCINATION_CHANGE';

/** Match one request type or any of several. */
export type RequestTypeFilter = {
  /** Exactly this. */
  eq?: RequestType | null | undefined;
  /** Any of these. */
  oneOf?: Array<RequestType> | null | undefined;
};

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

export type WebLoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type WebLoginMutation = { login: { token: string | null, account: { firstName: string, lastName: string, role: Role } | null, errors: Array<{ code: LoginErrorCode, message: string, field: Array<string> }> } };

export type WebLogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type WebLogoutMutation = { logout: { ok: boolean } };

export type WebViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type WebViewerQuery = { viewer: { unreadMessageCount: number }, collectivity: { name: string, serviceName: string } };

export type WebFamilyChildrenQueryVariables = Exact<{ [key: string]: never; }>;


export type WebFamilyChildrenQuery = { viewer: { family: { id: string, children: Array<{ id: string, firstName: string, lastName: string, registrations: Array<{ id: string, status: RegistrationStatus, startDate: string, endDate: string, activity: { id: string, name: string, code: string, slots: Array<{ id: string, weekday: Weekday, startTime: string, endTime: string }> } }> }> } | null } };

export type WebPlanningQueryVariables = Exact<{
  from: string;
  to: string;
  children?: Array<string | number> | string | number | null | undefined;
}>;


export type WebPlanningQuery = { planning: { occurrences: Array<{ slotId: string, date: string, startTime: string, endTime: string, status: OccurrenceStatus, statusLabel: string, canReserve: boolean, reserveBlockerLabel: string | null, reserveWouldWaitList: boolean, canCancel: boolean, absenceWouldBeBilled: boolean, child: { id: string, firstName: string }, activity: { id: string, name: string } }> } };

export type WebReservationPreviewMutationVariables = Exact<{
  input: ReservationRequestCreateInput;
}>;


export type WebReservationPreviewMutation = { reservationRequestPreview: { lines: Array<{ date: string, outcome: LineOutcome, outcomeLabel: string, message: string, priceCents: number | null, absenceWouldBeBilled: boolean, child: { firstName: string } | null, slot: { startTime: string, endTime: string } | null }>, errors: Array<{ code: ReservationRequestCreateErrorCode, message: string, field: Array<string> }> } };

export type WebReservationCreateMutationVariables = Exact<{
  input: ReservationRequestCreateInput;
}>;


export type WebReservationCreateMutation = { reservationRequestCreate: { request: { id: string, referenceLabel: string, statusLabel: string } | null, lines: Array<{ date: string, outcome: LineOutcome, outcomeLabel: string, message: string }>, errors: Array<{ code: ReservationRequestCreateErrorCode, message: string, field: Array<string> }> } };

export type WebAbsencePreviewMutationVariables = Exact<{
  input: AbsenceRequestCreateInput;
}>;


export type WebAbsencePreviewMutation = { absenceRequestPreview: { lines: Array<{ date: string, outcome: LineOutcome, outcomeLabel: string, message: string, priceCents: number | null, absenceWouldBeBilled: boolean, child: { firstName: string } | null, slot: { startTime: string, endTime: string } | null }>, errors: Array<{ code: AbsenceRequestCreateErrorCode, message: string, field: Array<string> }> } };

export type WebAbsenceCreateMutationVariables = Exact<{
  input: AbsenceRequestCreateInput;
}>;


export type WebAbsenceCreateMutation = { absenceRequestCreate: { request: { id: string, referenceLabel: string, statusLabel: string } | null, lines: Array<{ date: string, outcome: LineOutcome, outcomeLabel: string, message: string }>, errors: Array<{ code: AbsenceRequestCreateErrorCode, message: string, field: Array<string> }> } };

export type WebRequestsQueryVariables = Exact<{
  where?: RequestFilter | null | undefined;
  order: RequestOrder;
  first: number;
}>;


export type WebRequestsQuery = { requests: { totalCount: number, edges: Array<{ node: { id: string, referenceLabel: string, type: RequestType, typeLabel: string, status: RequestStatus, statusLabel: string, createdAt: string, periodStart: string | null, periodEnd: string | null, unreadMessageCount: number, child: { firstName: string, lastName: string } | null, activity: { name: string } | null, family: { name: string } | null, lines: Array<{ id: string, date: string, actionLabel: string, status: RequestLineStatus, statusLabel: string, child: { firstName: string } | null, slot: { startTime: string, endTime: string } }> } }> } };

export type WebRequestDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type WebRequestDetailQuery = { node:
    | { id: string, referenceLabel: string, typeLabel: string, status: RequestStatus, statusLabel: string, createdAt: string, periodStart: string | null, periodEnd: string | null, comment: string | null, reason: string | null, unreadMessageCount: number, child: { firstName: string, lastName: string } | null, activity: { name: string, establishment: { name: string } } | null, lines: Array<{ id: string, date: string, actionLabel: string, statusLabel: string, message: string | null }>, changes: Array<{ label: string, currentValue: string | null, proposedValue: string | null }>, history: Array<{ at: string, label: string, statusLabel: string, note: string | null }>, messages: Array<{ subject: string, body: string, fromStaff: boolean, createdAt: string }> }
    | Record<PropertyKey, never>
   | null };

export type WebRequestCancelMutationVariables = Exact<{
  request: string | number;
}>;


export type WebRequestCancelMutation = { requestCancel: { errors: Array<{ code: RequestCancelErrorCode, message: string }> } };

export type WebMessagePostMutationVariables = Exact<{
  input: RequestMessagePostInput;
}>;


export type WebMessagePostMutation = { requestMessagePost: { errors: Array<{ code: RequestMessagePostErrorCode, message: string, field: Array<string> }> } };

export type WebMessagesMarkReadMutationVariables = Exact<{
  requests: Array<string | number> | string | number;
}>;


export type WebMessagesMarkReadMutation = { messagesMarkRead: { errors: Array<{ message: string }> } };

export type WebRequestStatusChangedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type WebRequestStatusChangedSubscription = { requestStatusChanged: { cursor: string, step: HistoryStep, stepLabel: string, status: RequestStatus, statusLabel: string, referenceLabel: string, typeLabel: string, request: { id: string, status: RequestStatus, statusLabel: string } | null } };

export type WebPlanningChangedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type WebPlanningChangedSubscription = { planningChanged: { cursor: string, date: string | null, statusLabel: string } };

export type WebInvoicesQueryVariables = Exact<{
  first: number;
}>;


export type WebInvoicesQuery = { invoices: { totalCount: number, edges: Array<{ node: { id: string, number: string, kindLabel: string, issuer: string, periodStart: string, periodEnd: string, issuedOn: string, dueOn: string, totalCents: number, remainingCents: number, status: InvoiceStatus, statusLabel: string, canPayOnline: boolean, pdfUrl: string, payments: Array<{ operationNumber: string, methodLabel: string, paidOn: string, amountCents: number }> } }> } };

export type WebPaymentStartMutationVariables = Exact<{
  invoice: string | number;
  returnUrl?: string | null | undefined;
}>;


export type WebPaymentStartMutation = { invoicePaymentStart: { paymentUrl: string | null, errors: Array<{ code: InvoicePaymentStartErrorCode, message: string }> } };

export type WebFamilyFileQueryVariables = Exact<{ [key: string]: never; }>;


export type WebFamilyFileQuery = { viewer: { family: { id: string, name: string, subscriberCode: string | null, statusLabel: string, directDebit: boolean, guardians: Array<{ id: string, firstName: string, lastName: string, relationshipLabel: string | null, email: string | null, phone: string | null, mobilePhone: string | null, isPayer: boolean, isAllocataire: boolean, address: { line1: string | null, postalCode: string | null, city: string | null }, pendingChanges: Array<{ label: string, currentValue: string | null, proposedValue: string | null }> }>, children: Array<{ id: string, firstName: string, lastName: string, birthDate: string, gradeLabel: string | null, school: { name: string } | null, pendingChanges: Array<{ label: string, currentValue: string | null, proposedValue: string | null }> }>, pendingChanges: Array<{ label: string, subject: string | null, currentValue: string | null, proposedValue: string | null, request: { id: string, referenceLabel: string, statusLabel: string } }> } | null } };

export type WebGuardianChangeMutationVariables = Exact<{
  input: GuardianChangeRequestCreateInput;
}>;


export type WebGuardianChangeMutation = { guardianChangeRequestCreate: { errors: Array<{ code: GuardianChangeRequestCreateErrorCode, message: string, field: Array<string> }> } };

export type WebStaffInboxSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type WebStaffInboxSubscription = { staffInbox: { cursor: string, step: HistoryStep, stepLabel: string, referenceLabel: string, request: { id: string, status: RequestStatus } | null } };

export type WebRequestAcceptMutationVariables = Exact<{
  input: RequestAcceptInput;
}>;


export type WebRequestAcceptMutation = { requestAccept: { errors: Array<{ code: RequestAcceptErrorCode, message: string }> } };

export type WebRequestRefuseMutationVariables = Exact<{
  input: RequestRefuseInput;
}>;


export type WebRequestRefuseMutation = { requestRefuse: { errors: Array<{ code: RequestRefuseErrorCode, message: string, field: Array<string> }> } };

export type WebActivitiesQueryVariables = Exact<{ [key: string]: never; }>;


export type WebActivitiesQuery = { activities: { edges: Array<{ node: { id: string, name: string, isActive: boolean, schoolYear: { startDate: string, endDate: string }, establishment: { name: string }, slots: Array<{ id: string, weekday: Weekday, startTime: string, endTime: string }> } }> } };

export type WebAttendanceSheetQueryVariables = Exact<{
  slot: string | number;
  date: string;
}>;


export type WebAttendanceSheetQuery = { attendanceSheet: { runsOnDate: boolean, expectedCount: number, entries: Array<{ status: OccurrenceStatus, statusLabel: string, expected: boolean, attendance: Attendance | null, hasPai: boolean, foodAllergies: string | null, otherAllergies: string | null, child: { id: string, firstName: string, lastName: string }, contacts: Array<{ firstName: string, lastName: string, relationshipLabel: string | null, mobilePhone: string | null, phone: string | null }> }> } | null };

export type WebAttendanceMarkMutationVariables = Exact<{
  input: AttendanceMarkInput;
}>;


export type WebAttendanceMarkMutation = { attendanceMark: { errors: Array<{ code: AttendanceMarkErrorCode, message: string, field: Array<string> }> } };

export type WebOccurrenceQueryVariables = Exact<{
  date: string;
  child: string | number;
  activity: string | number;
}>;


export type WebOccurrenceQuery = { planning: { occurrences: Array<{ slotId: string, date: string, startTime: string, endTime: string, status: OccurrenceStatus, statusLabel: string, canReserve: boolean, canCancel: boolean, reserveBlockerLabel: string | null, cancelBlockerLabel: string | null, absenceWouldBeBilled: boolean, bookingDeadline: string, cancellationDeadline: string, pendingRequest: string | null, pendingRequestReference: string | null, child: { id: string, firstName: string }, activity: { id: string, name: string }, history: Array<{ kindLabel: string, occurredAt: string, request: string | null, requestReference: string | null }> }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const WebLoginDocument = new TypedDocumentString(`
    mutation WebLogin($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) {
    token
    account {
      firstName
      lastName
      role
    }
    errors {
      code
      message
      field
    }
  }
}
    `, {"hash":"sha256:bdd851576152e572d866746a41108db151641fe0ae47185d8e8bdae25f26494e"}) as unknown as TypedDocumentString<WebLoginMutation, WebLoginMutationVariables>;
export const WebLogoutDocument = new TypedDocumentString(`
    mutation WebLogout {
  logout {
    ok
  }
}
    `, {"hash":"sha256:97c59e7946d02b8e99f4dda689af12c2401b143d06b396d21f087b20946ed332"}) as unknown as TypedDocumentString<WebLogoutMutation, WebLogoutMutationVariables>;
export const WebViewerDocument = new TypedDocumentString(`
    query WebViewer {
  viewer {
    unreadMessageCount
  }
  collectivity {
    name
    serviceName
  }
}
    `, {"hash":"sha256:f7b05a7826c8bc557ff3a3d97d28dad2bfc7647fc228467f24e553efe16e0b6b"}) as unknown as TypedDocumentString<WebViewerQuery, WebViewerQueryVariables>;
export const WebFamilyChildrenDocument = new TypedDocumentString(`
    query WebFamilyChildren {
  viewer {
    family {
      id
      children {
        id
        firstName
        lastName
        registrations {
          id
          status
          startDate
          endDate
          activity {
            id
            name
            code
            slots {
              id
              weekday
              startTime
              endTime
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:3bae1623cee281c36c615ed3a410f333ab914fb3229da4ad36ee2f1311539db9"}) as unknown as TypedDocumentString<WebFamilyChildrenQuery, WebFamilyChildrenQueryVariables>;
export const WebPlanningDocument = new TypedDocumentString(`
    query WebPlanning($from: Date!, $to: Date!, $children: [ID!]) {
  planning(range: {gte: $from, lte: $to}, children: $children) {
    occurrences {
      slotId
      date
      startTime
      endTime
      status
      statusLabel
      canReserve
      reserveBlockerLabel
      reserveWouldWaitList
      canCancel
      absenceWouldBeBilled
      child {
        id
        firstName
      }
      activity {
        id
        name
      }
    }
  }
}
    `, {"hash":"sha256:0973185af90f3f81174666e5478ebe70427becf25b98c61eca4d8740548a5fac"}) as unknown as TypedDocumentString<WebPlanningQuery, WebPlanningQueryVariables>;
export const WebReservationPreviewDocument = new TypedDocumentString(`
    mutation WebReservationPreview($input: ReservationRequestCreateInput!) {
  reservationRequestPreview(input: $input) {
    lines {
      date
      outcome
      outcomeLabel
      message
      priceCents
      absenceWouldBeBilled
      child {
        firstName
      }
      slot {
        startTime
        endTime
      }
    }
    errors {
      code
      message
      field
    }
  }
}
    `, {"hash":"sha256:5639de3463ab05de2acc67ea1746ce2d4944626d18d1196d8bd8c65ebc78b8af"}) as unknown as TypedDocumentString<WebReservationPreviewMutation, WebReservationPreviewMutationVariables>;
export const WebReservationCreateDocument = new TypedDocumentString(`
    mutation WebReservationCreate($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    request {
      id
      referenceLabel
      statusLabel
    }
    lines {
      date
      outcome
      outcomeLabel
      message
    }
    errors {
      code
      message
      field
    }
  }
}
    `, {"hash":"sha256:4ecf82079b1af18d304c67906669c38433e8eb3b4b8c566d0b3f305454fcee97"}) as unknown as TypedDocumentString<WebReservationCreateMutation, WebReservationCreateMutationVariables>;
export const WebAbsencePreviewDocument = new TypedDocumentString(`
    mutation WebAbsencePreview($input: AbsenceRequestCreateInput!) {
  absenceRequestPreview(input: $input) {
    lines {
      date
      outcome
      outcomeLabel
      message
      priceCents
      absenceWouldBeBilled
      child {
        firstName
      }
      slot {
        startTime
        endTime
      }
    }
    errors {
      code
      message
      field
    }
  }
}
    `, {"hash":"sha256:8af3265acdf405c924c8531ed24cf803f62f312af537c363eb236f2dacc9c3ad"}) as unknown as TypedDocumentString<WebAbsencePreviewMutation, WebAbsencePreviewMutationVariables>;
export const WebAbsenceCreateDocument = new TypedDocumentString(`
    mutation WebAbsenceCreate($input: AbsenceRequestCreateInput!) {
  absenceRequestCreate(input: $input) {
    request {
      id
      referenceLabel
      statusLabel
    }
    lines {
      date
      outcome
      outcomeLabel
      message
    }
    errors {
      code
      message
      field
    }
  }
}
    `, {"hash":"sha256:46b85cc04a75b5ab596037ef2d3fade100f125ef070d214725f030b778b1ab0f"}) as unknown as TypedDocumentString<WebAbsenceCreateMutation, WebAbsenceCreateMutationVariables>;
export const WebRequestsDocument = new TypedDocumentString(`
    query WebRequests($where: RequestFilter, $order: RequestOrder!, $first: Int!) {
  requests(where: $where, order: $order, first: $first) {
    totalCount
    edges {
      node {
        id
        referenceLabel
        type
        typeLabel
        status
        statusLabel
        createdAt
        periodStart
        periodEnd
        unreadMessageCount
        child {
          firstName
          lastName
        }
        activity {
          name
        }
        family {
          name
        }
        lines {
          id
          date
          actionLabel
          status
          statusLabel
          child {
            firstName
          }
          slot {
            startTime
            endTime
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:78fda22e49de7612a17691f63ec1cb23fc80757daeba68aabe754ec5beffa9b2"}) as unknown as TypedDocumentString<WebRequestsQuery, WebRequestsQueryVariables>;
export const WebRequestDetailDocument = new TypedDocumentString(`
    query WebRequestDetail($id: ID!) {
  node(id: $id) {
    ... on Request {
      id
      referenceLabel
      typeLabel
      status
      statusLabel
      createdAt
      periodStart
      periodEnd
      comment
      reason
      unreadMessageCount
      child {
        firstName
        lastName
      }
      activity {
        name
        establishment {
          name
        }
      }
      lines {
        id
        date
        actionLabel
        statusLabel
        message
      }
      changes {
        label
        currentValue
        proposedValue
      }
      history {
        at
        label
        statusLabel
        note
      }
      messages {
        subject
        body
        fromStaff
        createdAt
      }
    }
  }
}
    `, {"hash":"sha256:542b86431ef9c47eb28a932f5d6e6df6f04f0cb608321c7b46308060b4138a69"}) as unknown as TypedDocumentString<WebRequestDetailQuery, WebRequestDetailQueryVariables>;
export const WebRequestCancelDocument = new TypedDocumentString(`
    mutation WebRequestCancel($request: ID!) {
  requestCancel(input: {request: $request}) {
    errors {
      code
      message
    }
  }
}
    `, {"hash":"sha256:a2bb8891c931779eb8e689479f34dc840a1ed4bec265d4e00e4732025fa47808"}) as unknown as TypedDocumentString<WebRequestCancelMutation, WebRequestCancelMutationVariables>;
export const WebMessagePostDocument = new TypedDocumentString(`
    mutation WebMessagePost($input: RequestMessagePostInput!) {
  requestMessagePost(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `, {"hash":"sha256:d9508a3ade68fb66b30571d7ff52eb47f49db5282cb4ad60f5932249e10061d5"}) as unknown as TypedDocumentString<WebMessagePostMutation, WebMessagePostMutationVariables>;
export const WebMessagesMarkReadDocument = new TypedDocumentString(`
    mutation WebMessagesMarkRead($requests: [ID!]!) {
  messagesMarkRead(input: {requests: $requests}) {
    errors {
      message
    }
  }
}
    `, {"hash":"sha256:a37411cb2e160b9893627a8844d155d2c4b8ea4753a84a03cb73f3beac1dd6fd"}) as unknown as TypedDocumentString<WebMessagesMarkReadMutation, WebMessagesMarkReadMutationVariables>;
export const WebRequestStatusChangedDocument = new TypedDocumentString(`
    subscription WebRequestStatusChanged($after: String) {
  requestStatusChanged(after: $after) {
    cursor
    step
    stepLabel
    status
    statusLabel
    referenceLabel
    typeLabel
    request {
      id
      status
      statusLabel
    }
  }
}
    `, {"hash":"sha256:a0a000d757e993e8b1c686a172252c3f23566cee1c57e35871af40e918fcc21e"}) as unknown as TypedDocumentString<WebRequestStatusChangedSubscription, WebRequestStatusChangedSubscriptionVariables>;
export const WebPlanningChangedDocument = new TypedDocumentString(`
    subscription WebPlanningChanged($after: String) {
  planningChanged(after: $after) {
    cursor
    date
    statusLabel
  }
}
    `, {"hash":"sha256:389965ae91f1b6568b246ff0fa80fa80aeb64e788153422759ab61c3e50aa85b"}) as unknown as TypedDocumentString<WebPlanningChangedSubscription, WebPlanningChangedSubscriptionVariables>;
export const WebInvoicesDocument = new TypedDocumentString(`
    query WebInvoices($first: Int!) {
  invoices(first: $first) {
    totalCount
    edges {
      node {
        id
        number
        kindLabel
        issuer
        periodStart
        periodEnd
        issuedOn
        dueOn
        totalCents
        remainingCents
        status
        statusLabel
        canPayOnline
        pdfUrl
        payments {
          operationNumber
          methodLabel
          paidOn
          amountCents
        }
      }
    }
  }
}
    `, {"hash":"sha256:9ed8b5a1025c2a49deed9e578d218700810cefbf9a6aafea57c417a0b72de2c0"}) as unknown as TypedDocumentString<WebInvoicesQuery, WebInvoicesQueryVariables>;
export const WebPaymentStartDocument = new TypedDocumentString(`
    mutation WebPaymentStart($invoice: ID!, $returnUrl: String) {
  invoicePaymentStart(input: {invoice: $invoice, returnUrl: $returnUrl}) {
    paymentUrl
    errors {
      code
      message
    }
  }
}
    `, {"hash":"sha256:b228c5b0cfc5c1c7b6a9d9654485ba208c18cf1c8b89b2b6a3eae15c6111e1d3"}) as unknown as TypedDocumentString<WebPaymentStartMutation, WebPaymentStartMutationVariables>;
export const WebFamilyFileDocument = new TypedDocumentString(`
    query WebFamilyFile {
  viewer {
    family {
      id
      name
      subscriberCode
      statusLabel
      directDebit
      guardians {
        id
        firstName
        lastName
        relationshipLabel
        email
        phone
        mobilePhone
        isPayer
        isAllocataire
        address {
          line1
          postalCode
          city
        }
        pendingChanges {
          label
          currentValue
          proposedValue
        }
      }
      children {
        id
        firstName
        lastName
        birthDate
        gradeLabel
        school {
          name
        }
        pendingChanges {
          label
          currentValue
          proposedValue
        }
      }
      pendingChanges {
        label
        subject
        currentValue
        proposedValue
        request {
          id
          referenceLabel
          statusLabel
        }
      }
    }
  }
}
    `, {"hash":"sha256:edc290d4669b7c710216003002ef70aee30d63a1b923cf6b769b8279b8d8effc"}) as unknown as TypedDocumentString<WebFamilyFileQuery, WebFamilyFileQueryVariables>;
export const WebGuardianChangeDocument = new TypedDocumentString(`
    mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {
  guardianChangeRequestCreate(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `, {"hash":"sha256:f62d326a0aacb38df2269631e88bd8048741bde7ebdd400f741912f95cd8a915"}) as unknown as TypedDocumentString<WebGuardianChangeMutation, WebGuardianChangeMutationVariables>;
export const WebStaffInboxDocument = new TypedDocumentString(`
    subscription WebStaffInbox($after: String) {
  staffInbox(after: $after) {
    cursor
    step
    stepLabel
    referenceLabel
    request {
      id
      status
    }
  }
}
    `, {"hash":"sha256:20fa46666e61d27ad1b0010a2b676c51290bf1b079a87b8fc91f09f99a09e297"}) as unknown as TypedDocumentString<WebStaffInboxSubscription, WebStaffInboxSubscriptionVariables>;
export const WebRequestAcceptDocument = new TypedDocumentString(`
    mutation WebRequestAccept($input: RequestAcceptInput!) {
  requestAccept(input: $input) {
    errors {
      code
      message
    }
  }
}
    `, {"hash":"sha256:22eec8c5fab470a835b2551635a09520799e21c83e8e0a1e14d3f26ef6dcd3b6"}) as unknown as TypedDocumentString<WebRequestAcceptMutation, WebRequestAcceptMutationVariables>;
export const WebRequestRefuseDocument = new TypedDocumentString(`
    mutation WebRequestRefuse($input: RequestRefuseInput!) {
  requestRefuse(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `, {"hash":"sha256:eab242912897c87f129e1972ec46c204b2343b5769685c21e5125f5189b1a4ab"}) as unknown as TypedDocumentString<WebRequestRefuseMutation, WebRequestRefuseMutationVariables>;
export const WebActivitiesDocument = new TypedDocumentString(`
    query WebActivities {
  activities(first: 100) {
    edges {
      node {
        id
        name
        isActive
        schoolYear {
          startDate
          endDate
        }
        establishment {
          name
        }
        slots {
          id
          weekday
          startTime
          endTime
        }
      }
    }
  }
}
    `, {"hash":"sha256:98d627a9d39f101b9756d6deb1351f273003c8035a93195a45aa9b4f066ba0dc"}) as unknown as TypedDocumentString<WebActivitiesQuery, WebActivitiesQueryVariables>;
export const WebAttendanceSheetDocument = new TypedDocumentString(`
    query WebAttendanceSheet($slot: ID!, $date: Date!) {
  attendanceSheet(slot: $slot, date: $date) {
    runsOnDate
    expectedCount
    entries {
      child {
        id
        firstName
        lastName
      }
      status
      statusLabel
      expected
      attendance
      hasPai
      foodAllergies
      otherAllergies
      contacts {
        firstName
        lastName
        relationshipLabel
        mobilePhone
        phone
      }
    }
  }
}
    `, {"hash":"sha256:6f0ad4bac2153773a71d5c9b74b936f6b384622711505d7cc28fb8fe90d210db"}) as unknown as TypedDocumentString<WebAttendanceSheetQuery, WebAttendanceSheetQueryVariables>;
export const WebAttendanceMarkDocument = new TypedDocumentString(`
    mutation WebAttendanceMark($input: AttendanceMarkInput!) {
  attendanceMark(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `, {"hash":"sha256:78032914f905d15ffd3d97799db5387bda31f728e46d82d67d8fb2caf5461a10"}) as unknown as TypedDocumentString<WebAttendanceMarkMutation, WebAttendanceMarkMutationVariables>;
export const WebOccurrenceDocument = new TypedDocumentString(`
    query WebOccurrence($date: Date!, $child: ID!, $activity: ID!) {
  planning(
    range: {gte: $date, lte: $date}
    children: [$child]
    activities: [$activity]
  ) {
    occurrences {
      slotId
      date
      startTime
      endTime
      status
      statusLabel
      canReserve
      canCancel
      reserveBlockerLabel
      cancelBlockerLabel
      absenceWouldBeBilled
      bookingDeadline
      cancellationDeadline
      pendingRequest
      pendingRequestReference
      child {
        id
        firstName
      }
      activity {
        id
        name
      }
      history {
        kindLabel
        occurredAt
        request
        requestReference
      }
    }
  }
}
    `, {"hash":"sha256:882593d732197888b1dc2597cddaab97116ad96041396168dcb3c1c86957597f"}) as unknown as TypedDocumentString<WebOccurrenceQuery, WebOccurrenceQueryVariables>;