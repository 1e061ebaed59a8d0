"""Display names generated from names, with the cases of the Pact Broker's
spec/lib/pact_broker/pacticipants/generate_display_name_spec.rb."""

from __future__ import annotations

import pytest
from accord.broker.display_names import display_name

CASES = {
    "foo": "Foo",
    "MyService": "My Service",
    "my-service": "My Service",
    "my_service": "My Service",
    "my service": "My Service",
    "ABCService": "ABC Service",
    "A4Service": "A4 Service",
    "SNSPactEventConsumer": "SNS Pact Event Consumer",
    "AWSSummiteerWeb": "AWS Summiteer Web",
    "Beer-Consumer": "Beer Consumer",
    "foo.pretend-consumer": "Foo Pretend Consumer",
    "Client-XX": "Client XX",
    "providerJSWorkshop": "Provider JS Workshop",
    "e2e Provider Example": "E2e Provider Example",
    "MP - Our Provider": "MP - Our Provider",
    "PoC - Pact-broker-consumer": "PoC - Pact Broker Consumer",
    "QB-DATABASE Service": "QB DATABASE Service",
    "Support Species App (Provider)": "Support Species App (Provider)",
    "9": "9",
    "": "",
}


@pytest.mark.parametrize(("name", "expected"), CASES.items())
def test_display_name(name: str, expected: str) -> None:
    assert display_name(name) == expected
