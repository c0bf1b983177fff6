/**
 * Every operation the kit sends. `npm run codegen` turns each into a typed document
 * (src/gql/graphql.ts) and an entry of the trusted-documents manifest
 * (src/gql/persisted-documents.json): add an operation here, regenerate, and register the
 * new manifest on the server.
 */
import { graphql } from "./gql";

export const LoginDocument = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(input: { email: $email, password: $password }) {
      token
      expiresAt
      account {
        firstName
        lastName
        role
      }
      errors {
        code
        message
      }
    }
  }
`);

export const PlanningDocument = graphql(`
  query Planning($from: Date!, $to: Date!, $children: [ID!]) {
    planning(range: { gte: $from, lte: $to }, children: $children) {
      startDate
      endDate
      occurrences {
        slotId
        date
        startTime
        endTime
        status
        statusLabel
        canReserve
        reserveWouldWaitList
        child {
          id
          firstName
        }
        activity {
          id
          code
          name
        }
      }
    }
  }
`);

export const ReservationPreviewDocument = graphql(`
  mutation ReservationPreview($input: ReservationRequestCreateInput!) {
    reservationRequestPreview(input: $input) {
      lines {
        date
        outcome
        outcomeLabel
        message
        priceCents
        bookingDeadline
        cancellationDeadline
        child {
          firstName
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const ReservationCreateDocument = graphql(`
  mutation ReservationCreate($input: ReservationRequestCreateInput!) {
    reservationRequestCreate(input: $input) {
      request {
        id
        reference
        referenceLabel
        status
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
`);

export const RequestAcceptDocument = graphql(`
  mutation RequestAccept($request: ID!, $message: String) {
    requestAccept(input: { request: $request, message: $message }) {
      request {
        id
        status
        statusLabel
      }
      lines {
        date
        status
        statusLabel
      }
      errors {
        code
        message
      }
    }
  }
`);

export const InvoicesDocument = graphql(`
  query Invoices($first: Int!, $after: String) {
    invoices(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          kindLabel
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
        }
      }
    }
  }
`);

export const RequestStatusChangedDocument = graphql(`
  subscription RequestStatusChanged($after: String) {
    requestStatusChanged(after: $after) {
      cursor
      occurredAt
      step
      stepLabel
      status
      statusLabel
      referenceLabel
      typeLabel
      note
      request {
        id
        status
      }
    }
  }
`);

export const PlanningChangedDocument = graphql(`
  subscription PlanningChanged($children: [ID!], $after: String) {
    planningChanged(children: $children, after: $after) {
      cursor
      occurredAt
      date
      statusLabel
      child {
        firstName
      }
    }
  }
`);
