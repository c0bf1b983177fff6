"""Who reaches a document: parents upload to their own family only, downloads are for the
family and its tenant's staff, staff accept or refuse and the family sees it.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from tests.api.documents._helpers import ACCEPT, MY_DOCUMENTS, PDF, World, _document_count, gid

REFUSE = """mutation($id: ID!, $reason: String!) {
  documentRefuse(input: {document: $id, reason: $reason}) {
    document { status statusLabel reviewedAt refusalReason } errors { field message code } } }"""


NODE = "query($id: ID!) { node(id: $id) { ... on Document { filename status refusalReason } } }"


async def test_parents_upload_to_their_own_family_only(world: World, engine: AsyncEngine) -> None:
    other_family = await world.upload_errors(
        world.parent, PDF, family=gid("Family", world.other_family.id)
    )
    missing = await world.upload(world.parent, PDF, family=gid("Family", 999_999))
    foreign = await world.upload_errors(
        world.parent, PDF, family=gid("Family", world.foreign_family.id)
    )
    other_child = await world.upload_errors(
        world.parent, PDF, child=gid("Child", world.other_child.id)
    )
    assert other_family == foreign == other_child == ["NOT_FOUND"]
    # A family that does not exist gets exactly the same answer as another family's.
    same = await world.upload(world.parent, PDF, family=gid("Family", world.other_family.id))
    assert missing.json() == same.json()
    assert world.stored_files() == []
    assert await _document_count(engine) == 0

    anonymous = (await world.upload(None, PDF)).json()
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert world.stored_files() == []

    # Staff upload for any family of their tenant, not another tenant's.
    by_staff = await world.uploaded(
        world.staff, PDF, family=gid("Family", world.other_family.id), type="CAF_CERTIFICATE"
    )
    assert by_staff["family"] == {"name": "Durand"}
    foreign_staff = await world.upload_errors(
        world.staff, PDF, family=gid("Family", world.foreign_family.id)
    )
    assert foreign_staff == ["NOT_FOUND"]
    # A token of another tenant is refused outright.
    assert (await world.upload(world.foreign_staff, PDF)).status_code == 403


async def test_downloads_are_for_the_family_and_the_tenants_staff(world: World) -> None:
    document = await world.uploaded(world.parent, PDF)
    url = document["downloadUrl"]

    other_family = await world.download(url, world.other_parent)
    assert other_family.status_code == 404
    assert other_family.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    missing = await world.download(
        f"/{world.tenant.slug}/documents/{gid('Document', 999_999)}", world.parent
    )
    assert missing.status_code == 404
    assert missing.json() == other_family.json()
    for bad in ("nope", gid("Family", world.family.id), "../../etc/passwd"):
        bad_id = await world.download(f"/{world.tenant.slug}/documents/{bad}", world.staff)
        assert bad_id.status_code == 404

    anonymous = await world.download(url, None)
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert (await world.download(url, "not-a-token")).status_code == 401
    assert (await world.download(url, world.foreign_staff)).status_code == 403

    # The same document through another tenant's endpoint does not exist there.
    foreign_url = url.replace(world.tenant.slug, "atlantis")
    assert (await world.download(foreign_url, world.staff)).status_code == 404

    # The node is hidden the same way.
    hidden = await world.graphql(world.other_parent, NODE, {"id": document["id"]})
    assert hidden["data"]["node"] is None
    seen = await world.graphql(world.staff, NODE, {"id": document["id"]})
    assert seen["data"]["node"]["filename"] == "RIB.pdf"


async def test_staff_accept_or_refuse_and_the_family_sees_it(world: World) -> None:
    rib = await world.uploaded(world.parent, PDF)
    caf = await world.uploaded(world.parent, PDF, filename="caf.pdf", type="CAF_CERTIFICATE")

    parent_try = await world.graphql(world.parent, ACCEPT, {"id": rib["id"]})
    assert parent_try["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    anonymous = await world.graphql(None, ACCEPT, {"id": rib["id"]})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    accepted = (await world.graphql(world.staff, ACCEPT, {"id": rib["id"]}))["data"]
    assert accepted["documentAccept"]["errors"] == []
    assert accepted["documentAccept"]["document"]["status"] == "ACCEPTED"
    assert accepted["documentAccept"]["document"]["statusLabel"] == "Validé"
    assert accepted["documentAccept"]["document"]["reviewedAt"] is not None
    again = (await world.graphql(world.staff, REFUSE, {"id": rib["id"], "reason": "Non"}))["data"]
    assert [e["code"] for e in again["documentRefuse"]["errors"]] == ["INVALID_STATE"]

    blank = await world.graphql(world.staff, REFUSE, {"id": caf["id"], "reason": " "})
    assert blank["data"]["documentRefuse"]["errors"][0]["code"] == "REQUIRED"
    reason = "Attestation de plus de trois mois : merci d'en déposer une récente."
    refused = await world.graphql(world.staff, REFUSE, {"id": caf["id"], "reason": reason})
    assert refused["data"]["documentRefuse"]["document"]["status"] == "REFUSED"
    once_more = await world.graphql(world.staff, ACCEPT, {"id": caf["id"]})
    assert once_more["data"]["documentAccept"]["errors"][0]["code"] == "INVALID_STATE"

    mine = await world.graphql(world.parent, MY_DOCUMENTS, {})
    by_id = {d["id"]: d for d in mine["data"]["viewer"]["family"]["documents"]}
    assert by_id[rib["id"]]["status"] == "ACCEPTED"
    assert by_id[caf["id"]]["statusLabel"] == "Refusé"
    assert by_id[caf["id"]]["refusalReason"] == reason

    missing = await world.graphql(world.staff, ACCEPT, {"id": gid("Document", 999_999)})
    assert missing["data"]["documentAccept"]["errors"][0]["code"] == "NOT_FOUND"


async def test_another_tenants_staff_cannot_review(world: World) -> None:
    document = await world.uploaded(world.parent, PDF)
    foreign = {"authorization": f"Bearer {world.foreign_staff}"}
    request = {"query": ACCEPT, "variables": {"id": document["id"]}}
    # Their token on our endpoint is refused; on their endpoint our document does not exist.
    ours = await world.http.post(f"/{world.tenant.slug}/graphql", json=request, headers=foreign)
    assert ours.status_code == 403
    theirs = await world.http.post(f"/{world.foreign.slug}/graphql", json=request, headers=foreign)
    assert theirs.json()["data"]["documentAccept"]["errors"][0]["code"] == "NOT_FOUND"
    download = await world.download(
        document["downloadUrl"].replace(world.tenant.slug, world.foreign.slug), world.foreign_staff
    )
    assert download.status_code == 404
    mine = await world.graphql(world.parent, MY_DOCUMENTS, {})
    assert mine["data"]["viewer"]["family"]["documents"][0]["status"] == "SUBMITTED"
