"""The built site in a real browser (headless Chromium driven by Playwright).

A strict build proves the Markdown is sound; only a browser proves what a reader gets:
scripts that run without errors, no requests leaving the site (no CDN fonts or scripts),
links and anchors that land, copy buttons, working tabs and search, the notebook's
outputs, and a real 404 page. Every page in the sitemap is opened once per screen size
and palette (laptop 1280x900 and phone 390x844, light and dark), with one browser for
the module, and judged there: no code line or table wider than its box on the laptop,
tables that keep their header and first column in view when they scroll on the phone,
notebook output that wraps at spaces and is never clipped. Full-page screenshots of
every page in all four views go to test-artifacts/screenshots/ (a CI artifact).
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
VIEWPORT = {"width": 1280, "height": 900}  # a laptop: Material's 720 px content column
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000


@dataclass
class Visit:
    """What one page load showed: problems seen, and facts read from the DOM."""

    path: str
    errors: list[str] = field(default_factory=list)  # console errors, page errors
    failed: list[str] = field(default_factory=list)  # failed or >= 400 requests
    external: list[str] = field(default_factory=list)  # requests leaving the site
    dom: dict = field(default_factory=dict)
    layout: dict = field(default_factory=dict)  # LAYOUT_JS at 1280 px
    phone: dict = field(default_factory=dict)  # LAYOUT_JS at 390 px
    palettes: dict = field(default_factory=dict)  # (width, scheme) -> luminance
    copies: list = field(default_factory=list)  # (button index, copied text)
    tabs: list = field(default_factory=list)  # problems switching tabs
    tabs_switched: int = 0


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
    tab_labels: [...content.querySelectorAll('.tabbed-labels')]
      .map(set => [...set.querySelectorAll('label')].map(l => l.textContent.trim())),
  };
}"""


# Measured after the screenshot: it shows every tab and opens every <details>, so code
# in a tab that is not selected is measured too (hidden boxes measure 0 px).
LAYOUT_JS = """() => {
  const style = document.createElement('style');
  style.textContent =
    '.tabbed-set > .tabbed-content > .tabbed-block {display: block !important}';
  document.head.append(style);
  document.querySelectorAll('.md-content details').forEach(d => { d.open = true; });
  const content = document.querySelector('.md-content') || document.body;
  const over = e => e.scrollWidth > e.clientWidth + 1;
  const longest = t => t.split('\\n').reduce((a, b) => b.length > a.length ? b : a, '');
  const px = e => `${e.scrollWidth} px in ${e.clientWidth} px`;
  const r = {code: [], tables: [], sticky: [], notebook: []};
  for (const c of content.querySelectorAll('pre > code, .jp-InputArea-editor pre')) {
    if (over(c)) r.code.push(`${px(c)}: ${longest(c.textContent).trim().slice(0, 90)}`);
  }
  for (const w of content.querySelectorAll('.md-typeset__scrollwrap')) {
    const head = w.querySelector('thead th:last-child');
    const cell = w.querySelector('tbody tr:last-child > td:first-child');
    if (!head || !cell || !over(w)) continue;
    const name = `table "${w.querySelector('th').textContent.trim()}"`;
    const fail = why => r.sticky.push(`${name}: ${why}`);
    r.tables.push(`${name}: ${px(w)}`);
    // Scrolled to its far corner, the table must still show its first column at the
    // left edge and its header row at the top, all of it within one screen.
    w.scrollLeft = w.scrollWidth;
    w.scrollTop = w.scrollHeight;
    const box = w.getBoundingClientRect();
    const c = cell.getBoundingClientRect(), h = head.getBoundingClientRect();
    if (Math.abs(c.left - box.left) > 2) fail('first column scrolled away');
    if (Math.abs(h.top - box.top) > 2) fail('header row scrolled away');
    if (box.height > innerHeight) fail('taller than the screen');
    if (c.right > box.left + box.width / 2) fail('first column wider than half');
    w.scrollLeft = 0;
    w.scrollTop = 0;
  }
  for (const o of content.querySelectorAll('.jp-OutputArea-output pre')) {
    if (over(o)) r.notebook.push(`clipped output: ${longest(o.textContent)}`);
    if (getComputedStyle(o).wordBreak === 'break-all') {
      r.notebook.push('output breaks words mid-word (word-break: break-all)');
    }
  }
  for (const pre of content.querySelectorAll('.jp-InputArea-editor pre')) {
    const style = getComputedStyle(pre);
    const scrolls = ['auto', 'scroll'].includes(style.overflowX);
    if (over(pre) && !scrolls) {
      r.notebook.push(`code cell clipped: ${longest(pre.textContent)}`);
    }
    const button = pre.closest('.jp-InputArea-editor').querySelector('clipboard-copy');
    if (!button) continue;
    const b = button.getBoundingClientRect(), p = pre.getBoundingClientRect();
    if (b.width && b.left < p.right - parseFloat(style.paddingRight) - 1) {
      r.notebook.push('the copy button covers the code');
    }
  }
  return r;
}"""


def shoot(page, path: str, width: int, scheme: str) -> None:
    """Full-page screenshot: test-artifacts/screenshots/<page>-<width>-<scheme>.png."""
    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
    page.evaluate("window.scrollTo(0, 0)")  # else the sticky header lands mid-page
    page.screenshot(
        path=SCREENSHOTS / f"{name}-{width}-{scheme}.png",
        full_page=True,
        animations="disabled",
        caret="hide",
        style=".md-dialog { display: none }",  # the "Copied" toast of the clicks
    )


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
    """Every page in the sitemap, opened once and seen in all four views.

    Loading is what costs, so each page loads once (1280 px, light) and then switches
    palette (as Material's toggle does) and size in place; the tests below judge what
    was recorded."""
    assert site.page_paths, "sitemap.xml lists no pages"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = tab[0]
    result = {}
    for path in site.page_paths:
        # "load", not "networkidle" (a fixed 500 ms per page): requests the page makes
        # later still land in this visit, during the clicks and screenshots below
        visit = load(tab, base_url, path, wait="load")
        visit.dom = page.evaluate(DOM_FACTS)
        visit.copies = click_copy_buttons(page)
        visit.tabs_switched, visit.tabs = switch_tabs(page)
        for viewport, scheme in VIEWS:
            page.set_viewport_size(viewport)
            # what Material's palette toggle does, without a reload
            page.evaluate(
                "s => document.body.setAttribute('data-md-color-scheme', s)",
                PALETTES[scheme],
            )
            visit.palettes[(viewport["width"], scheme)] = page.evaluate(LUMINANCE_JS)
            shoot(page, path, viewport["width"], scheme)
        visit.phone = page.evaluate(LAYOUT_JS)  # the last view is the phone, light
        page.set_viewport_size(VIEWPORT)
        visit.layout = page.evaluate(LAYOUT_JS)
        result[path] = visit
    tab[1].current = Visit("")
    return result


#: (viewport, palette) in the order each page goes through them; ends on the phone,
#: light, where the phone layout is measured
VIEWS = [(VIEWPORT, "light"), (VIEWPORT, "dark"), (PHONE, "dark"), (PHONE, "light")]
PALETTES = {"light": "default", "dark": "slate"}  # Material's names, mkdocs.yml


def click_copy_buttons(page) -> list[tuple[int, str]]:
    """Click every visible copy button; what each put on the clipboard."""
    buttons = page.locator('.md-content pre > nav > button[data-md-type="copy"]')
    copies = []
    for i in range(buttons.count()):
        if not buttons.nth(i).is_visible():
            continue  # inside a tab that is not selected
        page.evaluate("navigator.clipboard.writeText('')")
        buttons.nth(i).click()
        copies.append((i, page.evaluate("navigator.clipboard.readText()")))
    return copies


def switch_tabs(page) -> tuple[int, list[str]]:
    """Click the second tab of every tab set and back; (sets switched, problems)."""
    problems: list[str] = []
    switched = 0
    sets = page.locator(".md-content .tabbed-set")
    for i in range(sets.count()):
        tabbed = sets.nth(i)
        labels = tabbed.locator(":scope > .tabbed-labels > label")
        blocks = tabbed.locator(":scope > .tabbed-content > .tabbed-block")
        if labels.count() == 0:
            problems.append(f"tab set {i} has no .tabbed-labels (alternate_style off?)")
            continue
        if labels.count() < 2 or not labels.first.is_visible():
            continue  # a single tab, or a set inside collapsed content
        switched += 1
        names = labels.all_inner_texts()
        labels.nth(1).click()
        if not (blocks.nth(1).is_visible() and blocks.nth(0).is_hidden()):
            problems.append(f"tab {names[1]!r} did not show")
        labels.nth(0).click()
        if not (blocks.nth(0).is_visible() and blocks.nth(1).is_hidden()):
            problems.append(f"tab {names[0]!r} did not show")
    return switched, problems


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


def test_copy_buttons_copy_snippet_files_verbatim(visits):
    """Clicking copy yields exactly the code of a file under snippets/ (tested code)."""
    snippets = [
        _normalise(f.read_text(encoding="utf-8"))
        for f in SNIPPETS.rglob("*")
        if f.is_file() and f.suffix != ".md"
    ]
    problems: dict[str, list[str]] = {}
    clicked = 0
    for path, visit in visits.items():
        for i, text in visit.copies:
            copied = _normalise(text)
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


# ---------------------------------------------------------------- layout


def test_no_code_line_wider_than_its_box_on_a_laptop(visits):
    problems = {p: v.layout["code"] for p, v in visits.items() if v.layout["code"]}
    assert not problems, (
        "code lines that scroll sideways at 1280 px (shorten the snippet line):\n"
        + report(problems)
    )


def test_no_table_wider_than_the_page_on_a_laptop(visits):
    problems = {p: v.layout["tables"] for p, v in visits.items() if v.layout["tables"]}
    assert not problems, "tables that scroll sideways at 1280 px:\n" + report(problems)


def test_wide_tables_keep_header_and_first_column_on_a_phone(visits):
    scrolling = sum(len(v.phone["tables"]) for v in visits.values())
    assert scrolling, "no table scrolls on a phone, so the sticky check checked nothing"
    problems = {p: v.phone["sticky"] for p, v in visits.items() if v.phone["sticky"]}
    assert not problems, "tables that lose their bearings at 390 px:\n" + report(
        problems
    )


def test_notebook_cells_are_neither_clipped_nor_broken_mid_word(visits):
    notebooks = {p: v for p, v in visits.items() if v.dom["notebook_cells"]}
    assert notebooks, "no notebook page to check"
    problems = {
        f"{p} ({size} px)": layout["notebook"]
        for p, v in notebooks.items()
        for size, layout in ((1280, v.layout), (390, v.phone))
        if layout["notebook"]
    }
    assert not problems, report(problems)


# ---------------------------------------------------------------- interactions


def test_content_tabs_switch(visits):
    assert any(v.dom["tabbed_sets"] for v in visits.values()), "no page uses tabs"
    problems = {p: v.tabs for p, v in visits.items() if v.tabs}
    assert not problems, report(problems)
    assert sum(v.tabs_switched for v in visits.values()), (
        "no tab set with two visible tabs to switch"
    )


def test_search_index_holds_prose_not_code(site, visits):
    """Results show a page's title and the sentence that matched: the index must hold
    neither code blocks nor tab labels run together ("OpenAI SDKAnthropic SDKcurl")."""
    index = json.loads((site.dir / "search" / "search_index.json").read_text("utf-8"))
    docs = [(d["location"], d["title"] + " " + d["text"]) for d in index["docs"]]
    problems = {
        loc: ["a code block is indexed"] for loc, text in docs if "<pre>" in text
    }
    label_runs = {
        "".join(labels)
        for v in visits.values()
        for labels in v.dom["tab_labels"]
        if len(labels) > 1
    }
    assert label_runs, "no tab set found to check"
    for loc, text in docs:
        for run in label_runs:
            if run in text:
                problems.setdefault(loc, []).append(f"tab labels indexed: {run!r}")
    assert not problems, report(problems)


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
    teasers = page.locator(".md-search-result__article")
    assert not teasers.locator("pre").count(), "a search result shows a code block"
    assert teasers.first.locator("h1, h2").first.inner_text().strip(), "untitled result"
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
    shoot(page, "no/such/page/", VIEWPORT["width"], "light")
    # the missing page itself is the one expected failure; its assets must all load
    failed = [f for f in visit.failed if "no/such/page" not in f]
    errors = [e for e in visit.errors if "404" not in e]
    assert not (failed or errors or visit.external), (failed, errors, visit.external)


# ---------------------------------------------------------------- screenshots


def test_palettes_apply_in_every_view(visits):
    """Each page really looks light or dark in the palette it is switched to."""
    problems: dict[str, list[str]] = {}
    for path, visit in visits.items():
        for (width, scheme), luminance in visit.palettes.items():
            if (luminance >= 0.3) if scheme == "dark" else (luminance <= 0.7):
                problems.setdefault(path, []).append(
                    f"{width} px {scheme}: background luminance {luminance:.2f}"
                )
    assert not problems, report(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_prefers_color_scheme_picks_the_palette(scheme, browser, base_url):
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(base_url, wait_until="load")
        palette = page.evaluate("document.body.dataset.mdColorScheme")
    finally:
        context.close()
    assert palette == PALETTES[scheme]


LUMINANCE_JS = """() => {
  const bg = getComputedStyle(document.querySelector('.md-main') || document.body)
    .backgroundColor;
  let [r, g, b, a] = bg.match(/[\\d.]+/g).map(Number);
  if (a === 0) [r, g, b] = getComputedStyle(document.body).backgroundColor
    .match(/[\\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""
