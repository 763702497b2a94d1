"""The built site in a real browser: every page of _build/html opened in headless chromium (Debian's
chromium and chromium-driver, installed by ``make browser``) with every request that is not
``file:`` blocked and every attempted request recorded. Per page: nothing remote requested, no
console error, every image loaded with real alt text, every internal link and #fragment resolves,
and axe-core finds no serious or critical violation (moderate and minor ones are reported as
warnings). Screenshots of the front page, a notebook page and the interactive map are saved under
_build/screenshots/.
"""

from __future__ import annotations

import json
import socket
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import build
import lxml.html
import pytest
import pytest_socket
from selenium import webdriver
from selenium.common.exceptions import NoSuchDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.selenium_manager import SeleniumManager
from selenium.webdriver.support.ui import WebDriverWait

from helpers.plotting import check_alt

HTML = build.HTML
SCREENSHOTS = build.BUILD / "screenshots"
AXE = build.ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
VIEWPORT = {"width": 1280, "height": 900}
FLAGS = [
    "--headless=new",
    "--no-sandbox",  # chromium runs as root only without its sandbox (CI runs as root)
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    f"--window-size={VIEWPORT['width']},{VIEWPORT['height']}",
    # Behind the request block below: no host name resolves, and whatever is not a file goes to
    # a proxy on a closed loopback port (WebSockets and bare addresses included).
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
]
BLOCKED = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]
LOCAL = ("file:", "data:", "blob:")
LOOPBACK = ["127.0.0.1", "::1", "localhost"]  # chromedriver and selenium talk over loopback
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SERIOUS = ("serious", "critical")
PAGES = sorted(
    path.relative_to(HTML).as_posix()
    for path in HTML.rglob("*.html")
    if "_static" not in path.relative_to(HTML).parts
)

# Every image, made to load now (lazy ones too), once it has loaded or failed.
IMAGES_JS = """
const done = arguments[arguments.length - 1];
const images = [...document.images];
images.forEach((img) => { img.loading = "eager"; });
Promise.all(images.map((img) => img.decode().catch(() => null))).then(() => done(
  images.map((img) => ({src: img.getAttribute("src"), alt: img.getAttribute("alt"),
                        loaded: img.complete && img.naturalWidth > 0}))));
"""
LINKS_JS = 'return [...document.querySelectorAll("a[href]")].map((a) => a.href);'
# preload: false, or axe fetches the style sheets with XMLHttpRequest, which file: pages refuse.
AXE_JS = r"""
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"],
                   preload: false})
  .then((result) => done(result.violations.map((v) => ({id: v.id, impact: v.impact,
    help: v.help, nodes: v.nodes.map((n) => n.target.join(" ") + "  " +
                                       n.html.replace(/\s+/g, " ").slice(0, 120))}))))
  .catch((error) => done([{id: "axe-error", impact: "critical", help: String(error), nodes: []}]));
"""

# The sockets are narrowed to loopback by the fixture below.
pytestmark = [pytest.mark.site, pytest.mark.enable_socket]


class AxeNotice(UserWarning):
    """Moderate and minor axe-core findings on a page: reported, not failed."""


def _loopback_only() -> None:
    """Let this process connect to loopback (chromedriver) and nowhere else."""
    pytest_socket.socket_allow_hosts(LOOPBACK)


@pytest.fixture(autouse=True)
def _loopback_sockets() -> None:
    _loopback_only()  # pytest-socket lifts every restriction after each test


def _no_selenium_manager(*_args: object) -> dict[str, str]:
    raise AssertionError("Selenium Manager was called: it would look for drivers on the network")


@contextmanager
def _without_selenium_manager() -> Iterator[None]:
    """Fail if Selenium asks Selenium Manager (which downloads drivers) for anything."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SeleniumManager, "binary_paths", _no_selenium_manager)
        yield


def _options(profile: Path) -> webdriver.ChromeOptions:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return options


@pytest.fixture(scope="session")
def browser() -> Iterator[WebDriver]:
    """One headless chromium per test process (xdist worker), offline and with a fixed viewport."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not program.is_file():
            pytest.fail(f"{program} is missing: run `make browser` (tools/install-browser.sh)")
    _loopback_only()
    with tempfile.TemporaryDirectory(prefix="koryo-chromium-") as profile:
        with _without_selenium_manager():
            driver = webdriver.Chrome(_options(Path(profile)), Service(str(CHROMEDRIVER)))
        try:
            driver.execute_cdp_cmd("Network.enable", {})
            driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": BLOCKED})
            metrics = {**VIEWPORT, "deviceScaleFactor": 1, "mobile": False}
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            driver.set_script_timeout(60)
            yield driver
        finally:
            driver.quit()


def _remote_requests(entries: list[dict]) -> list[str]:
    """Every URL the page tried to reach that is not a file, data or blob URL."""
    messages = [json.loads(entry["message"])["message"] for entry in entries]
    blocked = {
        m["params"]["requestId"]
        for m in messages
        if m["method"] == "Network.loadingFailed" and m["params"].get("blockedReason")
    }
    remote = []
    for m in messages:
        if m["method"] == "Network.webSocketCreated":
            remote.append(f"{m['params']['url']} (WebSocket)")
        elif m["method"] == "Network.requestWillBeSent":
            url = m["params"]["request"]["url"]
            if not url.startswith(LOCAL):
                state = "blocked" if m["params"]["requestId"] in blocked else "not blocked"
                remote.append(f"{url} ({state})")
    return remote


def _bad_images(images: list[dict]) -> list[str]:
    problems = []
    for img in images:
        src = (img["src"] or "")[:80]
        if not img["loaded"]:
            problems.append(f"<img src={src}> did not load")
        try:
            check_alt(img["alt"])
        except ValueError as err:
            problems.append(f"<img src={src}>: {err}")
    return problems


@cache
def _anchors(page: Path) -> frozenset[str]:
    """The ids and anchor names of a page of the site."""
    return frozenset(lxml.html.parse(str(page)).getroot().xpath("//@id | //a/@name"))


def _broken_links(hrefs: list[str], root: Path) -> list[str]:
    """Every link into the site (a file: URL) whose file or #fragment does not exist."""
    problems = []
    for href in sorted(set(hrefs)):
        url = urlsplit(href)
        if url.scheme != "file":
            continue
        target = Path(unquote(url.path))
        target = target / "index.html" if target.is_dir() else target
        fragment = unquote(url.fragment)
        if not target.is_relative_to(root):
            problems.append(f"{href} points outside the site")
        elif not target.is_file():
            problems.append(f"{target.relative_to(root)} does not exist")
        elif fragment and fragment not in _anchors(target):
            problems.append(f"{target.relative_to(root)}#{fragment}: no such anchor")
    return problems


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def _open(driver: WebDriver, page: Path) -> None:
    """Open ``page`` as a first-time reader would: what earlier pages stored (every file: page
    shares one storage) and logged is forgotten first.
    """
    storage = {"origin": "file://", "storageTypes": "local_storage,session_storage"}
    driver.execute_cdp_cmd("Storage.clearDataForOrigin", storage)
    for log in ("browser", "performance"):
        driver.get_log(log)
    driver.get(page.as_uri())


@dataclass
class Visit:
    """What one page did in the browser, and what is wrong with it."""

    remote: list[str]
    console: list[str]
    images: list[str]
    links: list[str]
    violations: list[dict]

    def problems(self) -> list[str]:
        """One line per problem (serious and critical axe violations only)."""
        axe = [
            f"axe {v['id']} ({v['impact']}, {len(v['nodes'])} elements): {v['help']}: "
            + " | ".join(v["nodes"][:3])
            for v in self.violations
            if v["impact"] in SERIOUS
        ]
        return [
            *(f"requested {url}" for url in self.remote),
            *(f"console error: {message}" for message in self.console),
            *self.images,
            *(f"broken link: {link}" for link in self.links),
            *axe,
        ]

    def notices(self) -> str:
        """The moderate and minor axe findings, one per rule with its node count."""
        minor = [v for v in self.violations if v["impact"] not in SERIOUS]
        return ", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in minor)


def visit(driver: WebDriver, page: Path, root: Path = HTML) -> Visit:
    """Open ``page`` and run every check on it; the logs are read after leaving it."""
    _open(driver, page)
    images = _bad_images(driver.execute_async_script(IMAGES_JS))
    links = _broken_links(driver.execute_script(LINKS_JS), root)
    driver.execute_script(_axe_source())
    violations = driver.execute_async_script(AXE_JS, AXE_TAGS)
    driver.get("about:blank")  # late requests and messages of the page land in its own logs
    console = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    remote = _remote_requests(driver.get_log("performance"))
    return Visit(remote, console, images, links, violations)


def test_selenium_manager_is_never_asked(tmp_path: Path) -> None:
    # without the driver's path Selenium would ask Selenium Manager, and the guard would stop it
    with _without_selenium_manager(), pytest.raises(NoSuchDriverException) as caught:
        webdriver.Chrome(_options(tmp_path), Service())
    assert "Selenium Manager was called" in str(caught.value.__cause__)


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_this_process_reaches_only_loopback() -> None:
    with pytest.raises(pytest_socket.SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1: no such host


def test_the_site_was_built() -> None:
    assert "index.html" in PAGES, f"no site in {HTML}: build it with `python tools/build.py site`"


@pytest.mark.parametrize("page", PAGES)
def test_page_in_the_browser(browser: WebDriver, page: str) -> None:
    result = visit(browser, HTML / page)
    if result.notices():
        warnings.warn(AxeNotice(f"{page}: axe-core {result.notices()}"), stacklevel=1)
    problems = result.problems()
    assert not problems, f"{page}:\n  " + "\n  ".join(problems)


BROKEN_PAGE = """<!DOCTYPE html><html><head><title>Broken</title>
<script src="https://cdn.example.org/lib.js"></script></head><body>
<img src="missing.png"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" alt="chart">
<a href="missing.html">gone</a> <a href="#nowhere">nowhere</a>
<script>console.error("planted error"); new WebSocket("wss://socket.example.org/");</script>
</body></html>"""  # noqa: E501


def test_the_checks_catch_a_broken_page(browser: WebDriver, tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    result = visit(browser, page, root=tmp_path)
    assert "https://cdn.example.org/lib.js (blocked)" in result.remote
    assert "wss://socket.example.org/ (WebSocket)" in result.remote
    assert any("planted error" in message for message in result.console)
    assert len(result.images) == 3  # missing.png: not loaded, no alt; the gif: alt too short
    assert result.links == ["broken.html#nowhere: no such anchor", "missing.html does not exist"]
    serious = {v["id"] for v in result.violations if v["impact"] in SERIOUS}
    assert {"image-alt", "html-has-lang"} <= serious


def _settle(driver: WebDriver) -> None:
    """Wait for the web fonts, so that a screenshot shows the page as a reader sees it."""
    driver.execute_async_script("document.fonts.ready.then(arguments[arguments.length - 1]);")


@pytest.mark.parametrize(
    ("page", "name"),
    [("index.html", "front-page.png"), ("notebooks/02_population.html", "notebook.png")],
)
def test_screenshot(browser: WebDriver, page: str, name: str) -> None:
    assert (HTML / page).is_file(), f"{page} is not in the site"
    _open(browser, HTML / page)
    _settle(browser)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / name)), name


def test_interactive_map_draws_offline(browser: WebDriver) -> None:
    _open(browser, HTML / "notebooks" / "03_geography.html")
    found = browser.find_elements(By.ID, "koryo-map")
    assert found, "notebooks/03_geography.html has no element #koryo-map"
    webmap = found[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", webmap)
    WebDriverWait(browser, 20).until(lambda _: webmap.find_elements(By.CSS_SELECTOR, ".main-svg"))
    assert "js-plotly-plot" in (webmap.get_attribute("class") or "").split()
    points = webmap.find_elements(By.CSS_SELECTOR, "svg .scatterlayer .point")
    assert points, "the map drew no point"
    _settle(browser)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert webmap.screenshot(str(SCREENSHOTS / "map.png"))
