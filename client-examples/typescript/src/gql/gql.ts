/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      token\n      expiresAt\n      account {\n        firstName\n        lastName\n        role\n      }\n      errors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Planning($from: Date!, $to: Date!, $children: [ID!]) {\n    planning(range: { gte: $from, lte: $to }, children: $children) {\n      startDate\n      endDate\n      occurrences {\n        slotId\n        date\n        startTime\n        endTime\n        status\n        statusLabel\n        canReserve\n        reserveWouldWaitList\n        child {\n          id\n          firstName\n        }\n        activity {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n": typeof types.PlanningDocument,
    "\n  mutation ReservationPreview($input: ReservationRequestCreateInput!) {\n    reservationRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        bookingDeadline\n        cancellationDeadline\n        child {\n          firstName\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.ReservationPreviewDocument,
    "\n  mutation ReservationCreate($input: ReservationRequestCreateInput!) {\n    reservationRequestCreate(input: $input) {\n      request {\n        id\n        reference\n        referenceLabel\n        status\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.ReservationCreateDocument,
    "\n  mutation RequestAccept($request: ID!, $message: String) {\n    requestAccept(input: { request: $request, message: $message }) {\n      request {\n        id\n        status\n        statusLabel\n      }\n      lines {\n        date\n        status\n        statusLabel\n      }\n      errors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.RequestAcceptDocument,
    "\n  query Invoices($first: Int!, $after: String) {\n    invoices(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          number\n          kindLabel\n          periodStart\n          periodEnd\n          issuedOn\n          dueOn\n          totalCents\n          remainingCents\n          status\n          statusLabel\n          canPayOnline\n          pdfUrl\n        }\n      }\n    }\n  }\n": typeof types.InvoicesDocument,
    "\n  subscription RequestStatusChanged($after: String) {\n    requestStatusChanged(after: $after) {\n      cursor\n      occurredAt\n      step\n      stepLabel\n      status\n      statusLabel\n      referenceLabel\n      typeLabel\n      note\n      request {\n        id\n        status\n      }\n    }\n  }\n": typeof types.RequestStatusChangedDocument,
    "\n  subscription PlanningChanged($children: [ID!], $after: String) {\n    planningChanged(children: $children, after: $after) {\n      cursor\n      occurredAt\n      date\n      statusLabel\n      child {\n        firstName\n      }\n    }\n  }\n": typeof types.PlanningChangedDocument,
};
const documents: Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      token\n      expiresAt\n      account {\n        firstName\n        lastName\n        role\n      }\n      errors {\n        code\n        message\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query Planning($from: Date!, $to: Date!, $children: [ID!]) {\n    planning(range: { gte: $from, lte: $to }, children: $children) {\n      startDate\n      endDate\n      occurrences {\n        slotId\n        date\n        startTime\n        endTime\n        status\n        statusLabel\n        canReserve\n        reserveWouldWaitList\n        child {\n          id\n          firstName\n        }\n        activity {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n": types.PlanningDocument,
    "\n  mutation ReservationPreview($input: ReservationRequestCreateInput!) {\n    reservationRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        bookingDeadline\n        cancellationDeadline\n        child {\n          firstName\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.ReservationPreviewDocument,
    "\n  mutation ReservationCreate($input: ReservationRequestCreateInput!) {\n    reservationRequestCreate(input: $input) {\n      request {\n        id\n        reference\n        referenceLabel\n        status\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.ReservationCreateDocument,
    "\n  mutation RequestAccept($request: ID!, $message: String) {\n    requestAccept(input: { request: $request, message: $message }) {\n      request {\n        id\n        status\n        statusLabel\n      }\n      lines {\n        date\n        status\n        statusLabel\n      }\n      errors {\n        code\n        message\n      }\n    }\n  }\n": types.RequestAcceptDocument,
    "\n  query Invoices($first: Int!, $after: String) {\n    invoices(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          number\n          kindLabel\n          periodStart\n          periodEnd\n          issuedOn\n          dueOn\n          totalCents\n          remainingCents\n          status\n          statusLabel\n          canPayOnline\n          pdfUrl\n        }\n      }\n    }\n  }\n": types.InvoicesDocument,
    "\n  subscription RequestStatusChanged($after: String) {\n    requestStatusChanged(after: $after) {\n      cursor\n      occurredAt\n      step\n      stepLabel\n      status\n      statusLabel\n      referenceLabel\n      typeLabel\n      note\n      request {\n        id\n        status\n      }\n    }\n  }\n": types.RequestStatusChangedDocument,
    "\n  subscription PlanningChanged($children: [ID!], $after: String) {\n    planningChanged(children: $children, after: $after) {\n      cursor\n      occurredAt\n      date\n      statusLabel\n      child {\n        firstName\n      }\n    }\n  }\n": types.PlanningChangedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      token\n      expiresAt\n      account {\n        firstName\n        lastName\n        role\n      }\n      errors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      token\n      expiresAt\n      account {\n        firstName\n        lastName\n        role\n      }\n      errors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Planning($from: Date!, $to: Date!, $children: [ID!]) {\n    planning(range: { gte: $from, lte: $to }, children: $children) {\n      startDate\n      endDate\n      occurrences {\n        slotId\n        date\n        startTime\n        endTime\n        status\n        statusLabel\n        canReserve\n        reserveWouldWaitList\n        child {\n          id\n          firstName\n        }\n        activity {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Planning($from: Date!, $to: Date!, $children: [ID!]) {\n    planning(range: { gte: $from, lte: $to }, children: $children) {\n      startDate\n      endDate\n      occurrences {\n        slotId\n        date\n        startTime\n        endTime\n        status\n        statusLabel\n        canReserve\n        reserveWouldWaitList\n        child {\n          id\n          firstName\n        }\n        activity {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReservationPreview($input: ReservationRequestCreateInput!) {\n    reservationRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        bookingDeadline\n        cancellationDeadline\n        child {\n          firstName\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReservationPreview($input: ReservationRequestCreateInput!) {\n    reservationRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        bookingDeadline\n        cancellationDeadline\n        child {\n          firstName\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReservationCreate($input: ReservationRequestCreateInput!) {\n    reservationRequestCreate(input: $input) {\n      request {\n        id\n        reference\n        referenceLabel\n        status\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReservationCreate($input: ReservationRequestCreateInput!) {\n    reservationRequestCreate(input: $input) {\n      request {\n        id\n        reference\n        referenceLabel\n        status\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestAccept($request: ID!, $message: String) {\n    requestAccept(input: { request: $request, message: $message }) {\n      request {\n        id\n        status\n        statusLabel\n      }\n      lines {\n        date\n        status\n        statusLabel\n      }\n      errors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RequestAccept($request: ID!, $message: String) {\n    requestAccept(input: { request: $request, message: $message }) {\n      request {\n        id\n        status\n        statusLabel\n      }\n      lines {\n        date\n        status\n        statusLabel\n      }\n      errors {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invoices($first: Int!, $after: String) {\n    invoices(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          number\n          kindLabel\n          periodStart\n          periodEnd\n          issuedOn\n          dueOn\n          totalCents\n          remainingCents\n          status\n          statusLabel\n          canPayOnline\n          pdfUrl\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Invoices($first: Int!, $after: String) {\n    invoices(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          number\n          kindLabel\n          periodStart\n          periodEnd\n          issuedOn\n          dueOn\n          totalCents\n          remainingCents\n          status\n          statusLabel\n          canPayOnline\n          pdfUrl\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RequestStatusChanged($after: String) {\n    requestStatusChanged(after: $after) {\n      cursor\n      occurredAt\n      step\n      stepLabel\n      status\n      statusLabel\n      referenceLabel\n      typeLabel\n      note\n      request {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription RequestStatusChanged($after: String) {\n    requestStatusChanged(after: $after) {\n      cursor\n      occurredAt\n      step\n      stepLabel\n      status\n      statusLabel\n      referenceLabel\n      typeLabel\n      note\n      request {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PlanningChanged($children: [ID!], $after: String) {\n    planningChanged(children: $children, after: $after) {\n      cursor\n      occurredAt\n      date\n      statusLabel\n      child {\n        firstName\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PlanningChanged($children: [ID!], $after: String) {\n    planningChanged(children: $children, after: $after) {\n      cursor\n      occurredAt\n      date\n      statusLabel\n      child {\n        firstName\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;