/**
 * Every operation the web app sends. `npm run codegen` turns each into a typed document
 * (src/gql/graphql.ts) and an entry of the app's trusted-documents manifest.
 */
import { graphql } from "./gql";

export const LoginDocument = graphql(`
  mutation WebLogin($email: String!, $password: String!) {
    login(input: { email: $email, password: $password }) {
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
`);

export const LogoutDocument = graphql(`
  mutation WebLogout {
    logout {
      ok
    }
  }
`);

export const ViewerDocument = graphql(`
  query WebViewer {
    viewer {
      unreadMessageCount
    }
    collectivity {
      name
      serviceName
    }
  }
`);

export const FamilyChildrenDocument = graphql(`
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
`);

export const PlanningDocument = graphql(`
  query WebPlanning($from: Date!, $to: Date!, $children: [ID!]) {
    planning(range: { gte: $from, lte: $to }, children: $children) {
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
`);

export const ReservationPreviewDocument = graphql(`
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
`);

export const ReservationCreateDocument = graphql(`
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
`);

export const AbsencePreviewDocument = graphql(`
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
`);

export const AbsenceCreateDocument = graphql(`
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
`);

export const RequestsDocument = graphql(`
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
`);

export const RequestDetailDocument = graphql(`
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
`);

export const RequestCancelDocument = graphql(`
  mutation WebRequestCancel($request: ID!) {
    requestCancel(input: { request: $request }) {
      errors {
        code
        message
      }
    }
  }
`);

export const MessagePostDocument = graphql(`
  mutation WebMessagePost($input: RequestMessagePostInput!) {
    requestMessagePost(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`);

export const MessagesMarkReadDocument = graphql(`
  mutation WebMessagesMarkRead($requests: [ID!]!) {
    messagesMarkRead(input: { requests: $requests }) {
      errors {
        message
      }
    }
  }
`);

export const RequestStatusChangedDocument = graphql(`
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
`);

export const PlanningChangedDocument = graphql(`
  subscription WebPlanningChanged($after: String) {
    planningChanged(after: $after) {
      cursor
      date
      statusLabel
    }
  }
`);

export const InvoicesDocument = graphql(`
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
`);

export const PaymentStartDocument = graphql(`
  mutation WebPaymentStart($invoice: ID!, $returnUrl: String) {
    invoicePaymentStart(input: { invoice: $invoice, returnUrl: $returnUrl }) {
      paymentUrl
      errors {
        code
        message
      }
    }
  }
`);

export const FamilyFileDocument = graphql(`
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
`);

export const GuardianPhoneChangeDocument = graphql(`
  mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {
    guardianChangeRequestCreate(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`);

export const StaffInboxDocument = graphql(`
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
`);

export const RequestAcceptDocument = graphql(`
  mutation WebRequestAccept($input: RequestAcceptInput!) {
    requestAccept(input: $input) {
      errors {
        code
        message
      }
    }
  }
`);

export const RequestRefuseDocument = graphql(`
  mutation WebRequestRefuse($input: RequestRefuseInput!) {
    requestRefuse(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`);

export const ActivitiesDocument = graphql(`
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
`);

export const AttendanceSheetDocument = graphql(`
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
`);

export const AttendanceMarkDocument = graphql(`
  mutation WebAttendanceMark($input: AttendanceMarkInput!) {
    attendanceMark(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`);

export const OccurrenceDocument = graphql(`
  query WebOccurrence($date: Date!, $child: ID!, $activity: ID!) {
    planning(range: { gte: $date, lte: $date }, children: [$child], activities: [$activity]) {
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
`);
