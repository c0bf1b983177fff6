"""What the document tests share: sample files (PDF, PNG, executable, text), the GraphQL
operations, and the world of two tenants, families and staff they run in.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from strawberry.relay import GlobalID

from domain import accounts
from domain.accounts import IssuedSession
from models import Child, Document, Family, Tenant
from models.account import Role
from models.child import Sex
from models.family import FamilyStatus
from tests.factories.family import make_child, make_family, make_guardian
from tests.support.graphql_client import StatementCounter

NOW = dt.datetime.now(dt.UTC)
PASSWORD = "Mercredi-2026!"
MAX_UPLOAD = 4096
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


UPLOAD = """mutation($input: DocumentUploadInput!) {
  documentUpload(input: $input) {
    document {
      id type typeLabel filename contentType sizeBytes sha256 status statusLabel
      refusalReason uploadedAt reviewedAt downloadUrl child { firstName } family { name }
    }
    errors { field message code }
  }
}"""
ACCEPT = """mutation($id: ID!) {
  documentAccept(input: {document: $id}) {
    document { status statusLabel reviewedAt refusalReason } errors { field message code } } }"""


MY_DOCUMENTS = """{ viewer { family { documents {
  id type filename status statusLabel refusalReason } } } }"""


def gid(type_name: str, pk: int) -> str:
    return str(GlobalID(type_name, str(pk)))


@dataclass
class World:
    http: httpx.AsyncClient
    counter: StatementCounter
    documents_dir: Path
    tenant: Tenant
    family: Family
    child: Child
    other_family: Family
    other_child: Child
    parent: str
    other_parent: str
    staff: str
    foreign_staff: str
    foreign: Tenant
    foreign_family: Family

    def stored_files(self) -> list[Path]:
        if not self.documents_dir.exists():
            return []
        return [p for p in self.documents_dir.rglob("*") if p.is_file()]

    async def graphql(self, token: str | None, query: str, variables: dict[str, Any]) -> Any:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            f"/{self.tenant.slug}/graphql",
            json={"query": query, "variables": variables},
            headers=headers,
        )
        return response.json()

    async def upload(
        self,
        token: str | None,
        content: bytes,
        *,
        filename: str = "RIB.pdf",
        content_type: str = "application/pdf",
        family: str | None = None,
        child: str | None = None,
        type: str = "RIB",
        headers: dict[str, str] | None = None,
        tenant: str | None = None,
    ) -> httpx.Response:
        """A GraphQL multipart request (graphql-multipart-request-spec)."""
        variables = {
            "input": {
                "family": family or gid("Family", self.family.id),
                "child": child,
                "type": type,
                "file": None,
            }
        }
        sent = {"x-creneau-csrf": "1"} if headers is None else headers
        if token:
            sent = {**sent, "authorization": f"Bearer {token}"}
        return await self.http.post(
            f"/{tenant or self.tenant.slug}/graphql",
            data={
                "operations": json.dumps({"query": UPLOAD, "variables": variables}),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": (filename, content, content_type)},
            headers=sent,
        )

    async def uploaded(self, token: str, content: bytes, **kw: Any) -> dict[str, Any]:
        response = await self.upload(token, content, **kw)
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body
        payload = body["data"]["documentUpload"]
        assert payload["errors"] == [], payload
        document: dict[str, Any] = payload["document"]
        return document

    async def upload_errors(self, token: str, content: bytes, **kw: Any) -> list[str]:
        response = await self.upload(token, content, **kw)
        payload = response.json()["data"]["documentUpload"]
        assert payload["document"] is None
        return [e["code"] for e in payload["errors"]]

    async def download(self, url: str, token: str | None) -> httpx.Response:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        return await self.http.get(url, headers=headers)


async def _family(session: AsyncSession, tenant: Tenant, name: str) -> tuple[Family, Child]:
    """A submitted family ``name`` with one child, Léa, born 2 March 2018."""
    family = await make_family(session, tenant, name=name, status=FamilyStatus.SUBMITTED)
    child = await make_child(
        session,
        family,
        first_name="Léa",
        last_name=name,
        birth_date=dt.date(2018, 3, 2),
        sex=Sex.F,
        grade=None,
    )
    return family, child


async def _token(
    session: AsyncSession, tenant: Tenant, email: str, role: Role, family: Family | None = None
) -> str:
    account = await accounts.create_active_account(
        session,
        tenant_id=tenant.id,
        email=email,
        password=PASSWORD,
        role=role,
        first_name="Camille",
        last_name="Martin",
        now=NOW,
    )
    if family is not None:
        guardian = await make_guardian(session, family, first_name="Camille")
        account.guardian_id = guardian.id
        await session.flush()
    issued = await accounts.login(
        session,
        tenant_id=tenant.id,
        email=email,
        password=PASSWORD,
        remote_address=None,
        user_agent=None,
        now=NOW,
    )
    assert isinstance(issued, IssuedSession)
    return issued.token


async def _document_count(engine: AsyncEngine) -> int:
    """Rows as the database has them now (a connection of its own, no session cache)."""
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(Document)) or 0)
