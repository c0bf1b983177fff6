"""The direct writer of the pain.008 file gives minidom's bytes, whatever the values.

``domain.payments.sepa_pretty.pretty_file`` replaces sepaxml's ``minidom`` round trip
(``parseString(...).toprettyxml(encoding="utf-8")``); every tree here is written both ways
and the bytes must be equal, including the trees the direct writer hands back to minidom.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from xml.dom import minidom

import pytest
from sepaxml import SepaDD

from domain.payments import sepa_pretty
from domain.payments.sepa_file import SEPA_SCHEMA, export_file
from domain.payments.sepa_pretty import pretty_file


def _minidom(root: ET.Element) -> tuple[bytes, bytes]:
    serialised = b'<?xml version="1.0" encoding="UTF-8"?>' + ET.tostring(root, "utf-8")
    return serialised, minidom.parseString(serialised).toprettyxml(encoding="utf-8")


def _sepa(names: list[str], *, clean: bool) -> SepaDD:
    sepa = SepaDD(
        {
            "name": "Régie <enfance> & \"loisirs\" 'été'",
            "IBAN": "FR7630006000011234567890189",
            "BIC": "AGRIFRPP",
            "batch": True,
            "creditor_id": "FR12ZZZ123456",
            "currency": "EUR",
        },
        schema=SEPA_SCHEMA,
        clean=clean,
    )
    for number, name in enumerate(names, start=1):
        payment = {
            "name": name,
            "IBAN": "FR7630006000011234567890189",
            "amount": 1000 + number,
            "type": "FRST" if number % 2 else "RCUR",
            "collection_date": dt.date(2026, 3, 5),
            "mandate_id": f"M-{number}",
            "mandate_date": dt.date(2025, 9, 1),
            "description": f"Facture {number} - {name}",
            "endtoend_id": f"FACT-{number}",
        }
        if number % 3:
            payment["BIC"] = "AGRIFRPP"
        sepa.add_payment(payment)
    return sepa


NAMES = ["Dupont & fils", "<Martin>", 'Le "Gall"', "Zoé Ünal", "a > b", "tab\there", "  "]


@pytest.mark.parametrize("clean", [True, False])
def test_sepaxml_files_are_minidoms_bytes(clean: bool) -> None:
    sepa = _sepa(NAMES, clean=clean)
    serialised = sepa.export(validate=False, pretty_print=False)
    expected = minidom.parseString(serialised).toprettyxml(encoding="utf-8")
    assert pretty_file(sepa._xml, serialised) == expected


def test_the_exported_file_is_sepaxmls_own() -> None:
    """export_file against sepaxml's validating, pretty-printing export of the same
    payments (the message ids and times differ between two SepaDD objects: compared
    with them taken out)."""
    ours = export_file(_sepa(NAMES, clean=True)).decode()
    theirs = _sepa(NAMES, clean=True).export(validate=True, pretty_print=True).decode()

    def normalised(text: str) -> str:
        return re.sub(r"<(MsgId|PmtInfId|CreDtTm)>[^<]*<", r"<\1>…<", text)

    assert normalised(ours) == normalised(theirs)


def _tree(build: str) -> ET.Element:
    root = ET.Element("Document")
    root.set("xmlns", "urn:example")
    root.set("b", 'x & < > " y')
    child = ET.SubElement(root, "Child")
    if build == "empty text":
        child.text = ""
    elif build == "whitespace":
        child.text = " \t "
    elif build == "newline text":
        child.text = "one\ntwo"
    elif build == "newline attribute":
        child.set("note", "one\ntwo\tthree")
    elif build == "carriage return text":
        child.text = "one\r\ntwo\rthree"
    elif build == "carriage return attribute":
        child.set("note", "one\r\ntwo")
    elif build == "tail":
        child.text = "t"
        child.tail = "after"
    elif build == "mixed":
        child.text = "before"
        ET.SubElement(child, "Inner").text = "x"
    elif build == "namespaced":
        ET.SubElement(child, "{urn:other}Inner").text = "x"
    elif build == "deep":
        node = child
        for depth in range(12):
            node = ET.SubElement(node, f"L{depth}")
        node.text = "é€😀"
    return root


@pytest.mark.parametrize(
    "build",
    [
        "plain",
        "empty text",
        "whitespace",
        "newline text",
        "newline attribute",
        "carriage return text",
        "carriage return attribute",
        "tail",
        "mixed",
        "namespaced",
        "deep",
    ],
)
def test_any_tree_is_written_as_minidom_writes_it(build: str) -> None:
    root = _tree(build)
    serialised, expected = _minidom(root)
    assert pretty_file(root, serialised) == expected


@pytest.mark.parametrize(
    ("build", "direct"),
    [
        ("plain", True),
        ("newline attribute", True),
        ("carriage return text", False),
        ("carriage return attribute", False),
        ("tail", False),
        ("mixed", False),
        ("namespaced", False),
    ],
)
def test_only_plain_trees_skip_minidom(build: str, direct: bool) -> None:
    """The trees the direct writer is not sure to reproduce go through minidom."""
    assert sepa_pretty._plain(_tree(build)) is direct
