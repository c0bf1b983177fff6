"""The same-rows check of ``bench.compare_reads``: each server's answer to a query reduced to
the rows all of them can return, in one shape, so that the comparison is between servers
that return the same data."""

from __future__ import annotations

from typing import Any

WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]


def _hm(value: str) -> str:
    return str(value)[:5]


def _weekday(value: Any) -> str:
    return WEEKDAYS[int(value) - 1] if not isinstance(value, str) else value


def same_rows(query: str, server: str, body: Any) -> Any:
    """The rows every server can return for a query, in one shape (to compare them)."""
    if server == "before":
        server = "creneau"
    if server != "floor":
        assert "errors" not in body, body["errors"]
        body = body["data"]
    if query == "Q1":  # the booked occurrences
        if server == "creneau":
            return [
                (o["child"]["firstName"], o["activity"]["name"], o["date"], _hm(o["startTime"]))
                for o in body["planning"]["occurrences"]
                if o["booking"] is not None
            ]
        rows = body if server == "floor" else body["benchQ1"]["nodes"]
        if server == "floor":
            return [(r["first_name"], r["activity"], r["date"], _hm(r["start_time"])) for r in rows]
        return [
            (
                r["childByChildId"]["firstName"],
                r["activityByActivityId"]["name"],
                r["date"],
                _hm(r["slotBySlotId"]["startTime"]),
            )
            for r in rows
        ]
    if query == "Q2":
        if server == "creneau":
            page = body["requests"]
            return (
                page["totalCount"],
                [
                    (
                        n["family"]["name"],
                        (n["child"] or {}).get("firstName"),
                        (n["activity"] or {}).get("name"),
                        [(line["date"], line["child"]["firstName"]) for line in n["lines"]],
                    )
                    for n in (e["node"] for e in page["edges"])
                ],
            )
        if server == "floor":
            return (
                body["totalCount"],
                [
                    (
                        r["family"],
                        r["first_name"],
                        r["activity"],
                        [(line["date"], line["first_name"]) for line in r["lines"]],
                    )
                    for r in body["requests"]
                ],
            )
        page = body["benchQ2"]
        return (
            page["totalCount"],
            [
                (
                    n["familyByFamilyId"]["name"],
                    (n["childByChildId"] or {}).get("firstName"),
                    (n["activityByActivityId"] or {}).get("name"),
                    [
                        (line["date"], line["childByChildId"]["firstName"])
                        for line in n["requestLinesByRequestId"]["nodes"]
                    ],
                )
                for n in page["nodes"]
            ],
        )
    if query == "Q3":

        def slots(items: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
            return [(_weekday(s["weekday"]), _hm(s["startTime"]), _hm(s["endTime"])) for s in items]

        if server == "creneau":
            return [
                (e["name"], [(a["name"], slots(a["slots"])) for a in e["activities"]])
                for e in (edge["node"] for edge in body["establishments"]["edges"])
            ]
        if server == "floor":
            return [
                (e["name"], [(a["name"], slots(a["slots"])) for a in e["activities"]]) for e in body
            ]
        return [
            (
                e["name"],
                [
                    (a["name"], slots(a["slotsByActivityId"]["nodes"]))
                    for a in e["activitiesByEstablishmentId"]["nodes"]
                ],
            )
            for e in body["allEstablishments"]["nodes"]
        ]
    # Q4: the groups (count and places reserved), as a multiset.
    if server == "creneau":
        groups = body["reports"]["occupancy"]["groups"]
        return sorted((g["count"], g["sum"]["reserved"]) for g in groups)
    rows = body if server == "floor" else body["allBenchQ4S"]["nodes"]
    return sorted((int(r["n"]), int(r["reserved"])) for r in rows if r["n"] is not None)
