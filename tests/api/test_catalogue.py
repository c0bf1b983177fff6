"""The public catalogue over HTTP: establishments, activities, slots, rules, calendar."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from models import Tenant
from models.activity import DeadlineKind
from models.calendar import CalendarPeriodKind
from models.child import Grade
from tests import factories
from tests.support.graphql_client import GraphQLClient, StatementCounter

CATALOGUE = """
query Catalogue($first: Int, $after: String) {
  establishments(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor
      node {
        id name kind kindLabel
        activities {
          id code name category categoryLabel
          establishment { id name }
          rules {
            capacity autoAccept exclusivityGroup
            bookingDeadline { kind offset time weekday description }
            cancellationDeadline { description }
            eligibility { minGrade description }
          }
          slots { id weekday startTime endTime capacity }
        }
      }
    }
  }
}
"""


async def test_catalogue_shows_activities_with_slots_and_rules(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient
) -> None:
    year = await factories.make_school_year(session, tenant)
    lux = await factories.make_establishment(session, tenant, name="Ecole Lux")
    etude = await factories.make_activity(
        session,
        lux,
        year,
        name="Etude Surveillée",
        min_grade=Grade.CP,
        exclusivity_group="SOIR",
        capacity=30,
        booking_deadline_kind=DeadlineKind.WORKING_DAYS_BEFORE,
        booking_deadline_offset=3,
        booking_deadline_time=dt.time(12, 0),
    )
    await factories.make_slot(
        session, etude, weekday=2, start_time=dt.time(16, 15), end_time=dt.time(17, 30)
    )
    await factories.make_slot(
        session, etude, weekday=1, start_time=dt.time(16, 15), end_time=dt.time(17, 30)
    )
    await session.commit()

    data = await api.data(CATALOGUE)

    connection = data["establishments"]
    assert connection["totalCount"] == 1
    (edge,) = connection["edges"]
    (activity,) = edge["node"]["activities"]
    assert activity["name"] == "Etude Surveillée"
    assert activity["establishment"]["name"] == "Ecole Lux"
    assert [s["weekday"] for s in activity["slots"]] == ["MONDAY", "TUESDAY"]
    assert activity["slots"][0]["startTime"] == "16:15:00"
    assert activity["slots"][0]["capacity"] == 30  # inherited from the activity
    rules = activity["rules"]
    assert rules["exclusivityGroup"] == "SOIR"
    assert rules["eligibility"] == {"minGrade": "CP", "description": "À partir du CP"}
    assert rules["bookingDeadline"]["description"] == (
        "Réservation au plus tard 3 jours ouvrés avant à 12:00"
    )


async def test_establishments_paginate_forwards_and_backwards(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient
) -> None:
    for name in ["Ecole C", "Ecole A", "Ecole E", "Ecole B", "Ecole D"]:
        await factories.make_establishment(session, tenant, name=name)
    await session.commit()
    query = """query($first: Int, $after: String, $last: Int, $before: String) {
      establishments(first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
        edges { node { name } } } }"""

    first = (await api.data(query, {"first": 2}))["establishments"]
    assert [e["node"]["name"] for e in first["edges"]] == ["Ecole A", "Ecole B"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["totalCount"] == 5
    second = await api.data(query, {"first": 2, "after": first["pageInfo"]["endCursor"]})
    names = [e["node"]["name"] for e in second["establishments"]["edges"]]
    assert names == ["Ecole C", "Ecole D"]
    back = await api.data(
        query, {"last": 2, "before": second["establishments"]["pageInfo"]["startCursor"]}
    )
    assert [e["node"]["name"] for e in back["establishments"]["edges"]] == ["Ecole A", "Ecole B"]
    assert back["establishments"]["pageInfo"]["hasPreviousPage"] is False


async def test_bad_pagination_arguments_are_clear_errors(api: GraphQLClient) -> None:
    too_many = await api.post("{ establishments(first: 101) { totalCount } }")
    assert too_many["errors"][0]["message"] == "La taille de page est limitée à 100."
    assert too_many["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    bad_cursor = await api.post('{ establishments(after: "nope") { totalCount } }')
    assert bad_cursor["errors"][0]["message"] == "Curseur de pagination invalide."


async def test_activities_filter_by_establishment_and_category(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient
) -> None:
    year = await factories.make_school_year(session, tenant)
    lux = await factories.make_establishment(session, tenant)
    other = await factories.make_establishment(session, tenant)
    await factories.make_activity(session, lux, year, name="Repas", category="MEAL")
    await factories.make_activity(session, lux, year, name="Garderie")
    await factories.make_activity(session, other, year, name="Repas ailleurs", category="MEAL")
    await factories.make_activity(session, lux, year, name="Ancienne", is_active=False)
    await session.commit()
    establishment_id = (await api.data("{ establishments { edges { node { id name } } } }"))[
        "establishments"
    ]["edges"]
    lux_id = next(e["node"]["id"] for e in establishment_id if e["node"]["name"] == lux.name)

    data = await api.data(
        """query($id: ID!) { activities(where: {establishment: $id, category: {eq: MEAL}}) {
             totalCount edges { node { name } } } }""",
        {"id": lux_id},
    )
    assert [e["node"]["name"] for e in data["activities"]["edges"]] == ["Repas"]
    everything = await api.data("{ activities(where: {includeInactive: true}) { totalCount } }")
    assert everything["activities"]["totalCount"] == 4

    wrong_type = await api.post(
        """query($id: ID!) { activities(where: {establishment: $id}) { totalCount } }""",
        {"id": "U2xvdDox"},  # a Slot's global ID
    )
    assert "n'est pas un identifiant de Establishment valide" in wrong_type["errors"][0]["message"]


async def test_catalogue_statement_count_does_not_grow_with_activities(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient, statements: StatementCounter
) -> None:
    year = await factories.make_school_year(session, tenant)

    async def add_establishment_with_activities(count: int) -> None:
        establishment = await factories.make_establishment(session, tenant)
        for _ in range(count):
            activity = await factories.make_activity(session, establishment, year)
            for weekday in (1, 2, 4, 5):
                await factories.make_slot(session, activity, weekday=weekday)
        await session.commit()

    await add_establishment_with_activities(2)
    await api.data("{ collectivity { name } }")  # warms the tenant cache
    with statements.counting() as small:
        await api.data(CATALOGUE)
    small_count = len(small)

    for _ in range(5):
        await add_establishment_with_activities(8)
    with statements.counting() as large:
        data = await api.data(CATALOGUE)
    assert data["establishments"]["totalCount"] == 6
    assert sum(len(e["node"]["activities"]) for e in data["establishments"]["edges"]) == 42
    # page + count + activities by establishment + their slots (each activity's
    # establishment is the one it is listed under); the tenant lookup is cached. Same
    # number whatever the data size.
    assert len(large) == small_count, large
    assert small_count == 4


SLOTS_BY_FRAGMENTS = """
query {
  establishments { edges { node { ...Place } } }
}
fragment Place on Establishment {
  activities { ... on Activity { name rules { capacity } } ...Times }
}
fragment Times on Activity { slots { id weekday startTime capacity } }
"""
SLOTS_PLAIN = """{ establishments { edges { node {
  activities { name rules { capacity } slots { id weekday startTime capacity } } } } } }"""
WITHOUT_SLOTS = """{ establishments { edges { node {
  activities { name rules { capacity bookingDeadline { description } } } } } } }"""


async def test_activities_with_their_slots_whatever_the_selection(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient, statements: StatementCounter
) -> None:
    year = await factories.make_school_year(session, tenant)
    lux = await factories.make_establishment(session, tenant, name="Ecole Lux")
    matin = await factories.make_activity(
        session, lux, year, name="Matin", capacity=12, sort_order=0
    )
    repas = await factories.make_activity(session, lux, year, name="Repas", sort_order=1)
    closed = await factories.make_activity(session, lux, year, name="Fermée", is_active=False)
    await factories.make_slot(session, matin, weekday=2)
    await factories.make_slot(session, matin, weekday=1, capacity=5)
    await factories.make_slot(session, repas, weekday=4)
    await factories.make_slot(session, closed, weekday=1)
    other_tenant = await factories.make_tenant(session)
    other_year = await factories.make_school_year(session, other_tenant)
    elsewhere = await factories.make_establishment(session, other_tenant, name="Ailleurs")
    hidden = await factories.make_activity(session, elsewhere, other_year, name="Cachée")
    await factories.make_slot(session, hidden, weekday=1)
    await session.commit()
    await api.data("{ collectivity { name } }")  # warms the tenant cache

    plain = await api.data(SLOTS_PLAIN)
    (edge,) = plain["establishments"]["edges"]
    activities = edge["node"]["activities"]
    # Active activities only, in display order; slots by weekday, each with its capacity
    # or the activity's.
    assert [a["name"] for a in activities] == ["Matin", "Repas"]
    assert [(s["weekday"], s["capacity"]) for s in activities[0]["slots"]] == [
        ("MONDAY", 5),
        ("TUESDAY", 12),
    ]
    assert activities[0]["rules"]["capacity"] == 12
    assert [(s["weekday"], s["capacity"]) for s in activities[1]["slots"]] == [("THURSDAY", None)]

    # Slots asked through fragments: the same answer, read in the same pass.
    with statements.counting() as seen:
        fragments = await api.data(SLOTS_BY_FRAGMENTS)
    assert fragments == plain
    assert len([s for s in seen if "FROM slot" in s]) == 1, seen

    # No slots asked: none read.
    with statements.counting() as seen:
        bare = await api.data(WITHOUT_SLOTS)
    assert not [s for s in seen if "FROM slot" in s], seen
    (edge,) = bare["establishments"]["edges"]
    assert [a["name"] for a in edge["node"]["activities"]] == ["Matin", "Repas"]
    assert edge["node"]["activities"][0]["rules"]["bookingDeadline"]["description"]

    # Rules and slots asked apart in one request (aliases): each answer complete.
    both = await api.data(
        """{ establishments { edges { node {
             timed: activities { name slots { weekday capacity } }
             ruled: activities { name rules { capacity } } } } } }"""
    )
    (edge,) = both["establishments"]["edges"]
    assert edge["node"]["timed"] == [
        {
            "name": a["name"],
            "slots": [{k: s[k] for k in ("weekday", "capacity")} for s in a["slots"]],
        }
        for a in activities
    ]
    assert edge["node"]["ruled"] == [{"name": a["name"], "rules": a["rules"]} for a in activities]

    # An activity reached otherwise reads its slots itself: the same slots.
    matin_id = activities[0]["slots"][0]["id"]
    node = await api.data(
        """query($id: ID!) { node(id: $id) { ... on Slot { activity { name
             slots { id weekday startTime capacity } } } } }""",
        {"id": matin_id},
    )
    assert node["node"]["activity"] == {"name": "Matin", "slots": activities[0]["slots"]}


async def test_calendar_lists_periods_and_days(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient
) -> None:
    school = await factories.make_establishment(session, tenant)
    await factories.make_calendar_period(session, tenant)  # Toussaint 18/10 → 02/11/2025
    await factories.make_calendar_period(
        session,
        tenant,
        kind=CalendarPeriodKind.PUBLIC_HOLIDAY,
        label="Armistice 1918",
        start_date=dt.date(2025, 11, 11),
        end_date=dt.date(2025, 11, 11),
    )
    await factories.make_calendar_period(
        session,
        tenant,
        kind=CalendarPeriodKind.STRIKE,
        label="Grève",
        establishment_id=school.id,
        start_date=dt.date(2025, 11, 13),
        end_date=dt.date(2025, 11, 13),
    )
    await session.commit()
    query = """query($id: ID) { calendar(range: {gte: "2025-11-01", lte: "2025-11-14"},
                 establishment: $id) {
        periods { label kind kindLabel establishment { name } }
        days { date isSchoolDay isSchoolHoliday isPublicHoliday isClosed labels } } }"""

    whole_town = (await api.data(query, {"id": None}))["calendar"]
    assert [p["label"] for p in whole_town["periods"]] == [
        "Vacances de la Toussaint",
        "Armistice 1918",
    ]
    days = {d["date"]: d for d in whole_town["days"]}
    assert len(days) == 14
    assert days["2025-11-01"]["isSchoolHoliday"] is True
    assert days["2025-11-03"]["isSchoolDay"] is True
    assert days["2025-11-11"]["isPublicHoliday"] is True
    assert days["2025-11-11"]["isSchoolDay"] is False
    assert days["2025-11-13"]["isClosed"] is False

    listed = await api.data("{ establishments { edges { node { id } } } }")
    school_id = listed["establishments"]["edges"][0]["node"]["id"]
    at_school = (await api.data(query, {"id": school_id}))["calendar"]
    strike = {d["date"]: d for d in at_school["days"]}["2025-11-13"]
    assert strike["isClosed"] is True
    assert strike["labels"] == ["Grève"]


async def test_calendar_range_is_bounded(api: GraphQLClient) -> None:
    body = await api.post(
        '{ calendar(range: {gte: "2025-01-01", lte: "2026-12-31"}) { days { date } } }'
    )
    assert body["errors"][0]["message"] == "La période demandée est limitée à 400 jours."
    reversed_range = await api.post(
        '{ calendar(range: {gte: "2025-02-01", lte: "2025-01-01"}) { days { date } } }'
    )
    assert reversed_range["errors"][0]["message"] == "La date de fin précède la date de début."
