"""The site as a person sees it, in Debian's headless Chromium driven through ChromeDriver: the
home page's map and chart, an entity page, the SPARQL page running a saved query, and search.

Chromium comes from the project's CI script (`apt-get install chromium chromium-driver`), never
downloaded at run time. Screenshots land in test-output/screenshots/.
"""

from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from ingenium_kg.dataset import BuiltDataset
from kg_helpers import REPO
from server_helpers import running_server

SCREENSHOTS = REPO / "test-output" / "screenshots"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
COUNTRIES = {  # (south, north, west, east) in degrees, generous: each country's mainland box
    "Spain": (35.9, 43.9, -9.4, 3.4),
    "Bulgaria": (41.2, 44.3, 22.3, 28.7),
    "Greece": (34.8, 41.8, 19.3, 29.7),
    "Germany": (47.2, 55.1, 5.8, 15.1),
    "Finland": (59.7, 70.1, 20.5, 31.6),
    "Italy": (36.6, 47.1, 6.6, 18.6),
    "Sweden": (55.3, 69.1, 11.0, 24.2),
    "Ireland": (51.4, 55.4, -10.5, -6.0),
    "France": (42.3, 51.1, -4.8, 8.3),
    "Romania": (43.6, 48.3, 20.2, 29.7),
}
FRENCH = {
    "Espagne": "Spain", "Bulgarie": "Bulgaria", "Grèce": "Greece", "Allemagne": "Germany",
    "Finlande": "Finland", "Italie": "Italy", "Suède": "Sweden", "Irlande": "Ireland",
    "France": "France", "Roumanie": "Romania",
}  # fmt: skip


@pytest.fixture(scope="module")
def site(built: BuiltDataset) -> Iterator[str]:
    with running_server(built) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    assert CHROMIUM.exists() and CHROMEDRIVER.exists(), "run .ci/run: it installs chromium"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    options.add_argument("--window-size=1280,1600")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(browser: webdriver.Chrome) -> WebDriverWait:
    return WebDriverWait(browser, 15)


def test_the_home_page_maps_ten_members_in_their_countries(
    browser: webdriver.Chrome, site: str
) -> None:
    browser.get(site + "/")
    browser.save_screenshot(str(SCREENSHOTS / "home.png"))
    assert browser.find_element(By.TAG_NAME, "h1").is_displayed()
    members = browser.find_elements(By.CSS_SELECTOR, "svg.map g.member")
    assert len(members) == 10
    box = browser.find_element(By.CSS_SELECTOR, "svg.map").rect
    placed = []
    for member in members:
        dot = member.find_element(By.TAG_NAME, "circle").rect
        assert box["x"] <= dot["x"] <= box["x"] + box["width"]  # drawn inside the map
        assert box["y"] <= dot["y"] <= box["y"] + box["height"]
        country = member.get_attribute("data-country") or ""
        south, north, west, east = COUNTRIES[FRENCH.get(country, country)]
        lat, long = (
            float(member.get_attribute("data-lat")),
            float(member.get_attribute("data-long")),
        )
        assert south <= lat <= north and west <= long <= east, (country, lat, long)
        placed.append((long, lat, dot["x"], dot["y"]))
    # the projection keeps west-east and north-south order: the map is not mirrored
    by_long, by_lat = sorted(placed), sorted(placed, key=lambda p: p[1])
    assert [p[2] for p in by_long] == sorted(p[2] for p in placed)
    assert [p[3] for p in by_lat] == sorted((p[3] for p in placed), reverse=True)
    assert "GeoNames" in browser.find_element(By.CSS_SELECTOR, "figcaption").text


def test_the_chart_shows_six_objectives(browser: webdriver.Chrome, site: str) -> None:
    browser.get(site + "/")
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.chart rect")
    assert len(bars) == 6
    assert all(bar.rect["width"] > 0 for bar in bars)
    words = browser.find_element(By.CSS_SELECTOR, "svg.chart").text
    assert "more than" in words and "at least" in words


def test_an_entity_page_shows_its_facts_and_words(browser: webdriver.Chrome, site: str) -> None:
    browser.get(site + "/id/university/rouen-normandie")
    browser.save_screenshot(str(SCREENSHOTS / "entity.png"))
    assert "Rouen" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_elements(By.TAG_NAME, "mark"), "the article's words are highlighted"
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "main a")]
    assert site + "/id/country/france" in links
    assert "http://www.wikidata.org/entity/Q494247" in links


def test_the_sparql_page_runs_a_saved_query(browser: webdriver.Chrome, site: str) -> None:
    browser.get(site + "/sparql")
    picker = browser.find_element(By.CSS_SELECTOR, "select")
    picker.find_element(By.CSS_SELECTOR, "option[value='members']").click()
    assert "ikg:listPosition" in (browser.find_element(By.ID, "query").get_attribute("value") or "")
    run = next(b for b in browser.find_elements(By.CSS_SELECTOR, "form button") if b.text == "Run")
    run.click()
    rows_shown = (By.CSS_SELECTOR, "#results table tbody tr")
    _wait(browser).until(ready.presence_of_element_located(rows_shown))
    rows = browser.find_elements(*rows_shown)
    browser.save_screenshot(str(SCREENSHOTS / "sparql.png"))
    assert len(rows) == 10
    assert "Oviedo" in rows[0].text


def test_search_from_any_page(browser: webdriver.Chrome, site: str) -> None:
    browser.get(site + "/id/university/oviedo")
    box = browser.find_element(By.CSS_SELECTOR, "input[type='search']")
    box.send_keys("skovde", Keys.ENTER)
    _wait(browser).until(ready.url_contains("/search"))
    first = browser.find_element(By.CSS_SELECTOR, "main ol li a, main ul li a")
    assert "Skövde" in first.text


def test_screenshots_were_saved() -> None:
    assert all((SCREENSHOTS / name).stat().st_size > 10_000 for name in ("home.png", "entity.png"))


def test_chromium_is_debians() -> None:
    assert shutil.which("chromium") == str(CHROMIUM)


PAGES = ["/", "/id/university/rouen-normandie", "/sparql", "/search?q=rouen"]

_AUDIT = (Path(__file__).parent / "fixtures" / "audit.js").read_text(encoding="utf-8")
"""Headings, labels, titles, alt text, contrast and width, checked in the page itself."""


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_accessible_and_fit_a_phone(
    browser: webdriver.Chrome, site: str, path: str
) -> None:
    browser.set_window_size(390, 844)  # a phone
    try:
        browser.get(site + path)
        assert browser.find_element(By.CSS_SELECTOR, 'meta[name="viewport"]')
        assert browser.execute_script(_AUDIT) == []
        browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        focused = browser.switch_to.active_element
        assert focused.tag_name in ("a", "input", "button", "select", "textarea")
        assert focused.value_of_css_property("outline-style") != "none"  # focus is visible
    finally:
        browser.set_window_size(1280, 1600)


def test_the_audit_finds_what_it_looks_for(browser: webdriver.Chrome) -> None:
    broken = (
        "<!doctype html><h1>a</h1><h3>b</h3><h1>c</h1><input id=x><svg></svg><img src=x>"
        "<p style='color:#bbb'>pale</p><div style='width:3000px'>wide</div>"
    )
    browser.get("data:text/html;charset=utf-8," + urllib.parse.quote(broken))
    problems = browser.execute_script(_AUDIT)
    assert "not exactly one h1" in problems and "heading skips a level" in problems
    assert any(p.startswith("unlabelled") for p in problems)
    assert {"svg without title", "img without alt", "scrolls sideways"} <= set(problems)
    assert any(p.startswith("contrast") for p in problems)
