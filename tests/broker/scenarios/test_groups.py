"""GET /groups/{pacticipant} (spec/lib/pact_broker/groups/service_spec.rb, api/resources/group_spec.rb
and the relationships CSV decorator): every integration connected to the pacticipant, directly or
through others, as CSV lines `id,name,1,1,0,position,provider ids...` padded with 0; GET
/relationships: the same lines for every integration."""

from __future__ import annotations

import csv
import io

import httpx

from tests.broker.helpers import publish


def _lines(response: httpx.Response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.text)))


def test_the_group_of_connected_integrations(broker, n):
    a, b, c, d, e, f = (f"{n}{x}" for x in "ABCDEF")
    for consumer, provider in ((a, b), (b, c), (d, e), (c, a), (a, f)):
        assert publish(broker, consumer, "1", provider).status_code == 200

    def group(name: str, **params: int) -> dict[str, list[str]]:
        lines = _lines(httpx.get(f"{broker}/groups/{name}", params=params))
        assert len({len(line) for line in lines}) == 1  # padded to one width
        return {line[1]: line for line in lines}

    whole = group(a)
    assert list(whole) == [a, b, c, f]  # d and e are not connected to a
    id_of = {name: line[0] for name, line in whole.items()}
    assert [line[2:6] for line in whole.values()] == [["1", "1", "0", str(i)] for i in range(1, 5)]
    assert whole[a][6:] == [id_of[b], id_of[f]]
    assert whole[b][6:] == [id_of[c], "0"]  # found one step further out
    assert whole[c][6:] == [id_of[a], "0"] and whole[f][6:] == ["0", "0"]
    # the search stops widening once maxPacticipants are reached: a's own integrations only
    near = group(a, maxPacticipants=2)
    assert list(near) == [a, b, c, f] and near[b][6:] == ["0", "0"]
    assert list(group(d)) == [d, e]
    assert httpx.get(f"{broker}/groups/{n}Nobody").status_code == 404


def test_the_relationships_of_every_integration(broker, n):
    """spec/lib/pact_broker/api/decorators/relationships_csv_decorator_spec.rb (and the Relationships
    resource): every pair with a pact, the pairs by consumer then provider name without case."""
    for consumer, provider in (("b", "a"), ("A", "c"), ("a", "b")):
        assert publish(broker, f"{n}{consumer}", "1", f"{n}{provider}").status_code == 200
    lines = _lines(httpx.get(f"{broker}/relationships"))
    assert len({len(line) for line in lines}) == 1  # padded to one width
    assert [line[5] for line in lines] == [str(i) for i in range(1, len(lines) + 1)]
    mine = {line[1][len(n) :]: line for line in lines if line[1].startswith(n)}
    # a->b before A->c (the consumers tie without case; b before c), then b->a (both met already)
    assert list(mine) == ["a", "b", "A", "c"]
    id_of = {name: line[0] for name, line in mine.items()}
    assert [i for i in mine["A"][6:] if i != "0"] == [id_of["c"]]
    assert [i for i in mine["a"][6:] if i != "0"] == [id_of["b"]]
    assert [i for i in mine["b"][6:] if i != "0"] == [id_of["a"]]
    assert [i for i in mine["c"][6:] if i != "0"] == []
