"""Realistic values for strings the schema leaves open, chosen from the property's name with Faker.

`email` gets an address, `firstName` a first name, `currency` an ISO 4217 code, `city` a city ...
Only a string with no format, pattern or enum of its own is chosen this way (those say more than a
name does), and only a value within the schema's length bounds is used, so generated data stays
valid. Faker is seeded from the generator's random source: the same `--seed`, the same values.
"""

from __future__ import annotations

import functools
import random
import re
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["realistic_string"]

_SEPARATORS = re.compile(r"[^a-z0-9]")
_LOCK = threading.Lock()  # one Faker, seeded for each value: mocks in several threads take turns


def _sentence(words: int) -> Callable[[Any], str]:
    return lambda fake: fake.sentence(nb_words=words).rstrip(".")


# a property's name, lower case without separators (first_name, firstName, first-name) -> provider
_BY_NAME: dict[str, Callable[[Any], str]] = {
    **dict.fromkeys(("email", "emailaddress", "mail", "useremail"), lambda f: f.safe_email()),
    **dict.fromkeys(("firstname", "givenname", "forename"), lambda f: f.first_name()),
    **dict.fromkeys(("lastname", "surname", "familyname"), lambda f: f.last_name()),
    **dict.fromkeys(("fullname", "displayname", "contactname", "customername", "author"), lambda f: f.name()),
    **dict.fromkeys(("username", "login", "handle", "nickname"), lambda f: f.user_name()),
    **dict.fromkeys(
        ("phone", "phonenumber", "mobile", "telephone", "tel", "fax"), lambda f: f.phone_number()
    ),
    **dict.fromkeys(("city", "town"), lambda f: f.city()),
    **dict.fromkeys(("country", "countryname"), lambda f: f.country()),
    **dict.fromkeys(("countrycode",), lambda f: f.country_code()),
    **dict.fromkeys(
        ("street", "streetaddress", "address", "addressline1", "line1"), lambda f: f.street_address()
    ),
    **dict.fromkeys(("zip", "zipcode", "postalcode", "postcode"), lambda f: f.postcode()),
    **dict.fromkeys(("state", "region", "province"), lambda f: f.state()),
    **dict.fromkeys(
        ("company", "companyname", "organization", "organisation", "employer"), lambda f: f.company()
    ),
    **dict.fromkeys(("currency", "currencycode"), lambda f: f.currency_code()),
    **dict.fromkeys(("url", "website", "homepage", "link", "href"), lambda f: f.url()),
    **dict.fromkeys(
        ("avatar", "avatarurl", "image", "imageurl", "photo", "photourl", "picture"), lambda f: f.image_url()
    ),
    **dict.fromkeys(("domain", "domainname"), lambda f: f.domain_name()),
    **dict.fromkeys(("hostname", "host"), lambda f: f.hostname()),
    **dict.fromkeys(("ip", "ipaddress", "ipv4"), lambda f: f.ipv4()),
    **dict.fromkeys(("ipv6",), lambda f: f.ipv6()),
    **dict.fromkeys(("language", "languagecode", "lang"), lambda f: f.language_code()),
    **dict.fromkeys(("locale",), lambda f: f.locale()),
    **dict.fromkeys(("timezone", "tz"), lambda f: f.timezone()),
    **dict.fromkeys(("color", "colour"), lambda f: f.color_name()),
    **dict.fromkeys(("iban",), lambda f: f.iban()),
    **dict.fromkeys(("job", "jobtitle", "occupation"), lambda f: f.job()),
    **dict.fromkeys(("title", "subject", "headline"), _sentence(3)),
    **dict.fromkeys(
        ("description", "summary", "bio", "comment", "note", "notes", "message", "body", "text"), _sentence(8)
    ),
}


@functools.cache
def _faker() -> Any:
    from faker import Faker

    return Faker("en_US")


def realistic_string(name: str | None, schema: dict, rng: random.Random) -> str | None:
    """A value for an open string property from its name, or None (no fitting provider or bounds)."""
    if not name or any(k in schema for k in ("format", "pattern", "enum", "const")):
        return None
    provider = _BY_NAME.get(_SEPARATORS.sub("", name.lower()))
    if provider is None:
        return None
    seed = rng.getrandbits(32)
    with _LOCK:
        fake = _faker()
        fake.seed_instance(seed)
        value = provider(fake)
    low = schema.get("minLength") if isinstance(schema.get("minLength"), int) else 0
    high = schema.get("maxLength") if isinstance(schema.get("maxLength"), int) else None
    if len(value) < low or (high is not None and len(value) > high):
        return None
    return value
