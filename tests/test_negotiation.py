"""Content negotiation (RFC 9110 section 12.5.1): q-values, wildcards, defaults, refusals."""

from __future__ import annotations

from hkg.server import negotiation as neg


def test_empty_accept_gets_the_first_offer():
    assert neg.negotiate(None, neg.RESULTS) is neg.JSON
    assert neg.negotiate("", neg.GRAPHS) is neg.TURTLE


def test_exact_type_wins():
    assert neg.negotiate("application/rdf+xml", neg.GRAPHS) is neg.RDFXML


def test_highest_q_wins():
    assert neg.negotiate("text/turtle;q=0.4, application/ld+json;q=0.8", neg.GRAPHS) is neg.JSONLD


def test_q_zero_refuses_even_under_a_wildcard():
    assert neg.negotiate("text/turtle;q=0, */*", neg.GRAPHS) is neg.NTRIPLES


def test_more_specific_range_sets_the_quality():
    assert neg.negotiate("text/*;q=0.1, text/csv", neg.RESULTS) is neg.CSV
    assert neg.negotiate("text/*;q=0.1, */*;q=0.5", neg.RESULTS) is neg.JSON


def test_type_wildcard_matches_within_the_type():
    assert neg.negotiate("application/*", neg.GRAPHS) is neg.NTRIPLES


def test_any_wildcard_gets_the_first_offer():
    assert neg.negotiate("*/*", neg.RESOURCE) is neg.HTML


def test_browser_accept_gets_html():
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
    assert neg.negotiate(accept, neg.RESOURCE) is neg.HTML


def test_nothing_acceptable_is_none():
    assert neg.negotiate("image/png", neg.GRAPHS) is None


def test_plain_json_picks_sparql_json_or_json_ld():
    assert neg.negotiate("application/json", neg.RESULTS) is neg.JSON
    assert neg.negotiate("application/json", neg.GRAPHS) is neg.JSONLD


def test_case_and_spaces_and_malformed_parts_are_tolerated():
    assert neg.negotiate(" TEXT/Turtle ; q=0.9 , garbage, ;q=1", neg.GRAPHS) is neg.TURTLE
    assert neg.negotiate("text/turtle;q=abc, application/n-triples", neg.GRAPHS) is neg.NTRIPLES


def test_format_names_and_offered_types():
    assert neg.by_name("ttl", neg.GRAPHS) is neg.TURTLE
    assert neg.by_name("CSV", neg.RESULTS) is neg.CSV
    assert neg.by_name("ttl", neg.RESULTS) is None
    assert "text/turtle" in neg.offered(neg.GRAPHS)
