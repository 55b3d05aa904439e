"""The built site in a real browser (headless Chromium driven by Playwright).

A strict build proves the Markdown is sound; only a browser proves what a reader gets:
scripts that run without errors, no requests leaving the site (no CDN fonts or scripts),
links and anchors that land, copy buttons, working tabs and search, the notebook's
outputs, and a real 404 page. Every page in the sitemap is opened once, with one browser
for the whole session. Screenshots (light and dark) go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from support.built_site import (
    DOCS,
    ROOT,
    SNIPPETS,
    page_path,
    resolve,
    serve,
)

pytestmark = pytest.mark.browser


def find_chromium() -> str | None:
    """Debian's chromium first; Google Chrome (GitHub's runners) also drives fine."""
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    for candidate in (os.environ.get("CHROMIUM"), *names):
        if candidate and (path := shutil.which(candidate)):
            return path
    return None


CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip(
        "no Chromium found (apt-get install chromium, or set CHROMIUM=/path/to/it)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed"
)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000


@dataclass
class Visit:
    """What one page load showed: problems seen, and facts read from the DOM."""

    path: str
    errors: list[str] = field(default_factory=list)  # console errors, page errors
    failed: list[str] = field(default_factory=list)  # failed or >= 400 requests
    external: list[str] = field(default_factory=list)  # requests leaving the site
    dom: dict = field(default_factory=dict)


class Recorder:
    """Listens on a page and files every event under the visit in progress."""

    def __init__(self, context, page, base: str):
        self.current = Visit("")
        origin = "{0.scheme}://{0.netloc}/".format(urlsplit(base))

        def route(route):
            if route.request.url.startswith(origin):
                route.continue_()
            else:  # recorded as a failure, and never allowed onto the network
                self.current.external.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page.on("console", self._console)
        page.on(
            "pageerror", lambda exc: self.current.errors.append(f"page error: {exc}")
        )
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _console(self, msg):
        if msg.type == "error":
            self.current.errors.append(f"console: {msg.text}")

    def _request_failed(self, request):
        if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            return  # already recorded as external
        self.current.failed.append(f"{request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400:
            self.current.failed.append(f"{response.url} -> HTTP {response.status}")


DOM_FACTS = """() => {
  const content = document.querySelector('.md-content') || document.body;
  return {
    hrefs: [...document.querySelectorAll('a[href]')].map(a => a.href),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id)
      .concat([...document.querySelectorAll('a[name]')].map(a => a.name)),
    code_blocks: content.querySelectorAll('pre > code').length,
    copy_buttons: content.querySelectorAll(
      'pre > nav > button[data-md-type="copy"], pre > button.md-clipboard').length,
    notebook_cells:
      content.querySelectorAll('.jp-CodeCell .jp-InputArea-editor').length,
    notebook_copy: content.querySelectorAll(
      '.jp-CodeCell .jp-InputArea-editor clipboard-copy').length,
    tabbed_sets: content.querySelectorAll('.tabbed-set').length,
    h1: (content.querySelector('h1') || {}).textContent || '',
  };
}"""


# ---------------------------------------------------------------- module fixtures
# (module scope: Playwright's sync API keeps an event loop running in this thread
# until it stops, which would break asyncio.run() in every later test module; `site`,
# the built site, is the module-scoped fixture in conftest.py)


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def tab(browser, base_url):
    """One reusable light-palette page, with its recorder."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    recorder = Recorder(context, page, base_url)
    yield page, recorder
    context.close()


def load(tab, base_url: str, path: str, wait="networkidle") -> Visit:
    page, recorder = tab
    page.goto("about:blank")  # what the previous page left pending is not this visit's
    recorder.current = visit = Visit(path)
    page.goto(base_url + path, wait_until=wait)
    return visit


@pytest.fixture(scope="module")
def visits(site, base_url, tab) -> dict[str, Visit]:
    """Every page in the sitemap, opened once; the tests below judge what was seen."""
    assert site.page_paths, "sitemap.xml lists no pages"
    result = {}
    for path in site.page_paths:
        visit = load(tab, base_url, path)
        visit.dom = tab[0].evaluate(DOM_FACTS)
        result[path] = visit
    tab[1].current = Visit("")
    return result


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"/{p}: {msg}" for p, msgs in problems.items() for msg in msgs)


# ---------------------------------------------------------------- every page


def test_every_docs_page_is_visited(site, visits):
    """The sitemap drives the visits; make sure it misses no page under docs/."""
    sources = [
        p.relative_to(DOCS).as_posix()
        for p in DOCS.rglob("*")
        if p.suffix in (".md", ".ipynb") and ".ipynb_checkpoints" not in p.parts
    ]
    unvisited = [
        s for s in sources if page_path(s, site.use_directory_urls) not in visits
    ]
    assert not unvisited, f"pages not in sitemap.xml, so never opened: {unvisited}"


def test_every_page_loads_without_errors(visits):
    problems = {
        p: v.errors + v.failed for p, v in visits.items() if v.errors or v.failed
    }
    assert not problems, "pages with console errors or failed requests:\n" + report(
        problems
    )


def test_no_page_makes_external_requests(visits):
    problems = {p: v.external for p, v in visits.items() if v.external}
    assert not problems, (
        "the site must load nothing from outside itself (fonts, CDNs, APIs):\n"
        + report(problems)
    )


def test_every_page_has_a_title(visits):
    untitled = [p for p, v in visits.items() if not v.dom["h1"].strip()]
    assert not untitled, f"pages without an h1: {untitled}"


def test_internal_links_and_anchors_resolve(site, base_url, visits):
    ids_by_file = {resolve(site, p): set(v.dom["ids"]) for p, v in visits.items()}
    problems: dict[str, list[str]] = {}
    for path, visit in visits.items():
        for href in set(visit.dom["hrefs"]):
            url, fragment = urldefrag(href)
            if not url.startswith(base_url):
                continue  # another site (the public gateway URLs): not a request
            target = resolve(site, urlsplit(url).path[len(urlsplit(base_url).path) :])
            if target is None:
                problems.setdefault(path, []).append(f"broken link {href}")
                continue
            if not fragment or target.suffix != ".html":
                continue
            if target not in ids_by_file:
                ids_by_file[target] = html_ids(target)
            if fragment not in ids_by_file[target]:
                problems.setdefault(path, []).append(f"missing anchor {href}")
    assert not problems, "broken internal links:\n" + report(problems)


class _IdParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value or "")


def html_ids(path: Path) -> set[str]:
    parser = _IdParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.ids


def test_code_blocks_have_copy_buttons(visits):
    with_code = {p: v.dom for p, v in visits.items() if v.dom["code_blocks"]}
    assert with_code, "no page has a code block"
    problems = {
        p: [f"{d['copy_buttons']} copy buttons for {d['code_blocks']} code blocks"]
        for p, d in with_code.items()
        if d["copy_buttons"] != d["code_blocks"]
    }
    problems |= {
        p: [
            f"{v.dom['notebook_copy']} copy buttons for {v.dom['notebook_cells']} cells"
        ]
        for p, v in visits.items()
        if v.dom["notebook_copy"] != v.dom["notebook_cells"]
    }
    assert not problems, report(problems)


def test_copy_buttons_copy_snippet_files_verbatim(tab, base_url, visits):
    """Clicking copy yields exactly the code of a file under snippets/ (tested code)."""
    paths = [p for p, v in visits.items() if v.dom["copy_buttons"]]
    assert paths, "no page has a copy button"
    snippets = [
        _normalise(f.read_text(encoding="utf-8"))
        for f in SNIPPETS.rglob("*")
        if f.is_file() and f.suffix != ".md"
    ]
    page = tab[0]
    problems: dict[str, list[str]] = {}
    clicked = 0
    for path in paths:
        load(tab, base_url, path, wait="load")
        buttons = page.locator('.md-content pre > nav > button[data-md-type="copy"]')
        buttons.first.wait_for(state="attached")
        for i in range(buttons.count()):
            if not buttons.nth(i).is_visible():
                continue  # inside a tab that is not selected
            page.evaluate("navigator.clipboard.writeText('')")
            buttons.nth(i).click()
            copied = _normalise(page.evaluate("navigator.clipboard.readText()"))
            clicked += 1
            if not copied.strip():
                problems.setdefault(path, []).append(f"copy button {i} copied nothing")
            elif not any(copied in s for s in snippets):
                problems.setdefault(path, []).append(
                    f"copy button {i} copied code from no snippet file: {copied[:70]!r}"
                )
    assert clicked, "no visible copy button was clicked"
    assert not problems, report(problems)


def _normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


# ---------------------------------------------------------------- interactions


def test_content_tabs_switch(tab, base_url, visits):
    paths = [p for p, v in visits.items() if v.dom["tabbed_sets"]]
    assert paths, "no page uses content tabs"
    page = tab[0]
    problems: dict[str, list[str]] = {}
    switched = 0
    for path in paths:
        load(tab, base_url, path, wait="load")
        sets = page.locator(".md-content .tabbed-set")
        for i in range(sets.count()):
            tabbed = sets.nth(i)
            labels = tabbed.locator(":scope > .tabbed-labels > label")
            blocks = tabbed.locator(":scope > .tabbed-content > .tabbed-block")
            if labels.count() == 0:
                problems.setdefault(path, []).append(
                    f"tab set {i} has no .tabbed-labels (alternate_style off?)"
                )
                continue
            if labels.count() < 2 or not labels.first.is_visible():
                continue  # a single tab, or a set inside collapsed content
            switched += 1
            names = labels.all_inner_texts()
            labels.nth(1).click()
            if not (blocks.nth(1).is_visible() and blocks.nth(0).is_hidden()):
                problems.setdefault(path, []).append(f"tab {names[1]!r} did not show")
            labels.nth(0).click()
            if not (blocks.nth(0).is_visible() and blocks.nth(1).is_hidden()):
                problems.setdefault(path, []).append(f"tab {names[0]!r} did not show")
    assert not problems, report(problems)
    assert switched, "no tab set with two visible tabs to switch"


@pytest.mark.parametrize("term", ["thinking", "cache_control"])
def test_search_finds(term, site, tab, base_url):
    index = json.loads((site.dir / "search" / "search_index.json").read_text("utf-8"))
    pages_with_term = {
        doc["location"].split("#")[0]
        for doc in index["docs"]
        if term.lower() in (doc["title"] + " " + doc["text"]).lower()
    }
    assert pages_with_term, f"no page mentions {term!r}, so search cannot find it"
    page = tab[0]
    load(tab, base_url, "", wait="load")
    box = page.locator(".md-search__input")
    box.click()
    results = page.locator(".md-search-result__item > .md-search-result__link")
    # Material drops a query typed before its search worker has built the index, so
    # type again until results show (a reader would), for at most TIMEOUT_MS.
    for _ in range(TIMEOUT_MS // 1000):
        box.fill("")
        box.press_sequentially(term)
        try:
            results.first.wait_for(state="visible", timeout=1000)
            break
        except sync_api.TimeoutError:
            continue
    found = {
        urlsplit(href).path[len(urlsplit(base_url).path) :]
        for href in results.evaluate_all("links => links.map(a => a.href)")
    }
    meta = page.locator(".md-search-result__meta").inner_text()
    assert found & pages_with_term, (
        f"searching {term!r} showed {sorted(found)} ({meta!r}); "
        f"expected one of {sorted(pages_with_term)}"
    )


def test_notebook_pages_show_their_outputs(site, tab, base_url):
    notebooks = sorted(DOCS.rglob("*.ipynb"))
    if not notebooks:
        pytest.skip(
            "no notebook under docs/ yet (GUIDES-1 adds quickstart/notebook.ipynb)"
        )
    page = tab[0]
    for nb_file in notebooks:
        src = nb_file.relative_to(DOCS).as_posix()
        expected = [line for line in _output_lines(nb_file) if line.strip()]
        assert expected, f"{src} has no stored outputs: run it before committing"
        load(tab, base_url, page_path(src, site.use_directory_urls), wait="load")
        outputs = page.locator(".jp-OutputArea-output")
        assert outputs.count() and outputs.first.is_visible(), (
            f"{src}: no outputs shown"
        )
        shown = "\n".join(outputs.all_inner_texts())
        missing = [line for line in expected if line.strip() not in shown]
        assert not missing, f"{src}: outputs not shown on the page: {missing[:5]}"
        # and readers can download it: a link on the page serves this very notebook
        links = page.locator('.md-content a[href$=".ipynb"]')
        hrefs = links.evaluate_all("links => links.map(a => a.href)")
        assert hrefs, f"{src}: the page has no download link for the notebook"
        wanted = json.loads(nb_file.read_bytes())
        assert any(_serves_json(page, href, wanted) for href in hrefs), (
            f"{src}: no link on the page downloads the notebook ({hrefs})"
        )


def _serves_json(page, url: str, wanted) -> bool:
    response = page.request.get(url)
    try:
        return response.ok and json.loads(response.body()) == wanted
    except ValueError:
        return False


def _output_lines(nb_file: Path) -> list[str]:
    lines = []
    for cell in json.loads(nb_file.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            text = out.get("text") or out.get("data", {}).get("text/plain", "")
            lines += ("".join(text) if isinstance(text, list) else text).splitlines()
    return lines


def test_404_page(site, tab, base_url):
    assert (site.dir / "404.html").is_file(), "the build has no 404.html"
    page = tab[0]
    visit = load(tab, base_url, "no/such/page/", wait="networkidle")
    status = page.evaluate(
        "performance.getEntriesByType('navigation')[0].responseStatus"
    )
    assert status == 404
    assert "404" in page.locator(".md-content h1").inner_text()
    # the missing page itself is the one expected failure; its assets must all load
    failed = [f for f in visit.failed if "no/such/page" not in f]
    errors = [e for e in visit.errors if "404" not in e]
    assert not (failed or errors or visit.external), (failed, errors, visit.external)


# ---------------------------------------------------------------- screenshots


def screenshot_paths(site) -> list[str]:
    """A few representative pages: home, tabbed guides, tables, a notebook, the 404."""
    wanted = [
        "",
        "quickstart/anthropic-sdk/",
        "quickstart/notebook/",
        "guides/errors/",
        "guides/thinking/",
        "guides/tool-calls/",
        "reference/field-support/",
    ]
    chosen = [p for p in wanted if p in site.page_paths] or list(site.page_paths[:3])
    return chosen + ["no/such/page/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_in_both_palettes(scheme, site, browser, base_url):
    """Saves the screenshots, and checks each palette really applies to the page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    recorder = Recorder(context, page, base_url)
    try:
        for path in screenshot_paths(site):
            recorder.current = Visit(path)
            page.goto(base_url + path, wait_until="networkidle")
            assert not recorder.current.external, recorder.current.external
            palette = page.evaluate("document.body.dataset.mdColorScheme")
            assert palette == ("slate" if scheme == "dark" else "default"), (
                f"/{path}: prefers-color-scheme {scheme} gave palette {palette!r}"
            )
            luminance = page.evaluate(LUMINANCE_JS)
            assert (luminance < 0.3) if scheme == "dark" else (luminance > 0.7), (
                f"/{path}: page background luminance {luminance:.2f} in {scheme} mode"
            )
            name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
            page.screenshot(path=SCREENSHOTS / f"{name}-{scheme}.png", full_page=True)
    finally:
        context.close()


LUMINANCE_JS = """() => {
  const bg = getComputedStyle(document.querySelector('.md-main') || document.body)
    .backgroundColor;
  let [r, g, b, a] = bg.match(/[\\d.]+/g).map(Number);
  if (a === 0) [r, g, b] = getComputedStyle(document.body).backgroundColor
    .match(/[\\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""
