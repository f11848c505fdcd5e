"""The query page and an entity page in a real headless Chromium (Debian's /usr/bin/chromium, no network)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from server_fixtures import UNIT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]


@pytest.fixture
def server_url(app):
    from waitress import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(5)


@pytest.fixture
def page():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser.new_page()
        browser.close()


def test_query_page_runs_an_example_and_shows_rows(server_url, page):
    page.goto(server_url + "/")
    page.click("button.example[data-name^='cq03']")
    assert "bedCount" in page.input_value("#query")
    assert page.locator("#highlight .tok-kw").count() > 0  # the editor is highlighted
    page.click("#run")
    page.wait_for_selector("table.results tr.row")
    rows = page.locator("table.results tr.row")
    assert rows.count() == 1
    assert "Department of Cardiology" in rows.first.inner_text()
    link = rows.first.locator("a").first
    assert link.get_attribute("href").startswith("/page/")
    assert page.locator("#downloads a.download").count() == 4


def test_entity_page_shows_its_facts(server_url, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server_url + "/id/" + UNIT.split("/id/", 1)[1])
    assert page.locator("h1").inner_text() == "Department of Cardiology"
    facts = page.locator("tr.fact")
    assert facts.count() >= 5
    assert "80 beds" in page.locator("table.facts").inner_text()
    assert "<script>alert(1)</script>" in page.locator("table.facts").inner_text()  # shown as text
    assert dialogs == []  # never run
