"""What an upload must get through before anything is written: the size limit, the CSRF
header, a well-formed multipart request, the file as a multipart part.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncEngine

from tests.api.documents._helpers import (
    MAX_UPLOAD,
    MY_DOCUMENTS,
    PDF,
    UPLOAD,
    World,
    _document_count,
    gid,
)


async def test_too_large_files_are_refused_before_anything_is_written(
    world: World, engine: AsyncEngine
) -> None:
    big = PDF + b"0" * MAX_UPLOAD
    response = await world.upload(world.parent, big)
    payload = response.json()["data"]["documentUpload"]
    assert payload["errors"] == [
        {
            "field": ["file"],
            "message": "Le fichier dépasse la taille maximale autorisée (4 Ko).",
            "code": "FILE_TOO_LARGE",
        }
    ]
    # Far past the limit: refused from the Content-Length, the body is never parsed.
    huge = await world.upload(world.parent, PDF + b"0" * (200 * 1024))
    assert huge.status_code == 413
    assert huge.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"

    # Without a Content-Length (chunked), the body is cut off while it streams in.
    model = world.http.build_request(
        "POST",
        f"/{world.tenant.slug}/graphql",
        data={"operations": "{}", "map": "{}"},
        files={"0": ("RIB.pdf", PDF + b"0" * (200 * 1024), "application/pdf")},
    )
    body = model.read()

    async def chunked() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 8192):
            yield body[start : start + 8192]

    streamed = await world.http.post(
        f"/{world.tenant.slug}/graphql",
        content=chunked(),
        headers={
            "content-type": model.headers["content-type"],
            "x-creneau-csrf": "1",
            "authorization": f"Bearer {world.parent}",
        },
    )
    assert streamed.status_code == 413
    assert world.stored_files() == []
    assert await _document_count(engine) == 0


async def test_multipart_requests_need_the_csrf_header(world: World, engine: AsyncEngine) -> None:
    refused = await world.upload(world.parent, PDF, headers={})
    assert refused.status_code == 400
    assert refused.headers["content-type"].startswith("application/json")
    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == "CSRF_HEADER_REQUIRED"
    assert "x-creneau-csrf" in error["message"]
    blank = await world.upload(world.parent, PDF, headers={"x-creneau-csrf": " "})
    assert blank.status_code == 400
    assert world.stored_files() == []
    assert await _document_count(engine) == 0

    apollo = await world.upload(world.parent, PDF, headers={"apollo-require-preflight": "true"})
    assert apollo.json()["data"]["documentUpload"]["errors"] == []
    # JSON requests are preflighted by browsers: no extra header needed.
    plain = await world.graphql(world.parent, MY_DOCUMENTS, {})
    assert len(plain["data"]["viewer"]["family"]["documents"]) == 1


async def test_malformed_multipart_requests_are_json_400s(world: World) -> None:
    headers = {"x-creneau-csrf": "1", "authorization": f"Bearer {world.parent}"}
    no_boundary = await world.http.post(
        f"/{world.tenant.slug}/graphql",
        content=b"--x--",
        headers={**headers, "content-type": "multipart/form-data"},
    )
    assert no_boundary.status_code == 400
    assert "boundary" in no_boundary.json()["errors"][0]["message"]
    missing_file = await world.http.post(
        f"/{world.tenant.slug}/graphql",
        data={
            "operations": json.dumps({"query": UPLOAD, "variables": {"input": {}}}),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"other": ("a.pdf", PDF, "application/pdf")},
        headers=headers,
    )
    assert missing_file.status_code == 400
    assert missing_file.json()["errors"][0]["message"] == "File(s) missing in form data"
    assert world.stored_files() == []


async def test_a_file_must_come_as_a_multipart_part(world: World) -> None:
    body = await world.graphql(
        world.parent,
        UPLOAD,
        {"input": {"family": gid("Family", world.family.id), "type": "RIB", "file": "x"}},
    )
    assert body["data"] is None
    assert "multipart" in body["errors"][0]["message"]
