"""Real-browser tests: headless Chromium (the Debian package, never a downloaded build) driven
by Playwright for Python, against Django's live server, with axe-core (npm, loaded from
frontend/node_modules into the page by the test, never served by the product).

They run with the rest of the suite when Chromium is there and are skipped, with the reason,
when it is not. ``PROEFTUIN_BROWSER_TESTS=required`` (set by .ci/run) turns that skip into a
failure; ``PROEFTUIN_BROWSER_TESTS=off`` skips them on purpose. ``CHROMIUM`` names another
browser binary (default: ``chromium`` on the PATH, else /usr/bin/chromium).
"""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from proeftuin.accounts.models import Role
from proeftuin.ingestion.models import Job
from proeftuin.ingestion.services import source_upload
from tests.browser.driver import Driver
from tests.browser.pages import SUMMARY, write_summary
from tests.browser.support import MODE, chromium_path, missing
from tests.factories import OrganisationFactory
from tests.ingestion.test_review import STORY
from tests.otp_support import VerifiedClient
from tests.search_support import indexed_case


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the whole package (in its own thread, see driver.py),
    closed after the package's last test."""
    if MODE == "off":
        pytest.skip("browser tests switched off (PROEFTUIN_BROWSER_TESTS=off)")
    gaps = missing()
    if gaps:
        reason = "browser tests need: " + "; ".join(gaps)
        if MODE == "required":
            pytest.fail(reason + " (PROEFTUIN_BROWSER_TESTS=required)", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    driver = Driver()
    playwright = driver.call(lambda: sync_playwright().start())
    driver.call(expect.set_options, timeout=10_000)  # a busy two-core machine is slow
    try:
        launched = playwright.chromium.launch(executable_path=chromium_path())
        yield launched
        launched.close()
    finally:
        playwright.stop()
        driver.close()


@pytest.fixture
def site(live_server, settings):
    """The live server's address; its cookies also over plain http (it has no TLS)."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    return live_server.url


class Browsing:
    """Opens browser contexts on the live site and signs users in; collects what the pages
    reported as errors (scripts, Content-Security-Policy) so a test can require none."""

    def __init__(self, browser, site):
        self.browser, self.site, self.contexts, self.errors = browser, site, [], []

    def context(self, *, user=None, javascript=True, axe=False, width=1280):
        """A fresh context. ``axe=True`` lets the test add axe-core to its pages: a script
        the site did not serve, which the site's Content-Security-Policy rightly refuses, so
        only those contexts bypass it; the others keep the policy the product sends."""
        context = self.browser.new_context(
            base_url=self.site,
            locale="nl-NL",  # (the interface is Dutch anyway unless one chooses English)
            java_script_enabled=javascript,
            bypass_csp=axe,
            viewport={"width": width, "height": 900},
        )
        context.set_default_timeout(10_000)
        context.on("weberror", lambda error: self.errors.append(str(error.error)))
        self.contexts.append(context)
        if user is not None:
            self.sign_in(context, user)
        return context

    def page(self, **options):
        page = self.context(**options).new_page()
        page.on("console", self._console)
        return page

    def _console(self, message):
        # (The site has a favicon, so a failing /favicon.ico counts as an error too.)
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url', '')})")

    def sign_in(self, context, user):
        """A session as the sign-in form makes it, second factor included for the roles that
        must use one (tests/otp_support.py), handed to the browser as its cookie."""
        client = VerifiedClient()
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.site, "httpOnly": True}]
        )

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser, site):
    opened = Browsing(browser, site)
    yield opened
    opened.close()


@pytest.fixture
def editor(make_member):
    """An editor of a municipality: may upload documents and review their suggestions."""
    return make_member(OrganisationFactory(name="Gemeente Lezer"), Role.EDITOR)


@pytest.fixture
def document(editor):
    """A small synthetic report through the real pipeline (upload, background job run
    inline after the commit, suggestions stored), as the editor uploaded it."""
    source, job, _created = source_upload(actor=editor, filename="proefstad.txt", data=STORY)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error_message
    assert source.suggestions.exists()
    return source


@pytest.fixture
def case(db):
    """A published case in the library, indexed for search."""
    return indexed_case(title="Wijkteams voorkomen uithuisplaatsingen")


def pytest_terminal_summary(terminalreporter):
    """Say at the end of the run, not only with -rs, that the browser tests did not run."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if report.nodeid.startswith("tests/browser/") and isinstance(report.longrepr, tuple)
    ]
    if skipped:
        reason = skipped[0].longrepr[2].removeprefix("Skipped: ")
        terminalreporter.write_line(f"{len(skipped)} browser tests skipped: {reason}")
    figures = write_summary()
    if figures:
        shown = {k: v for k, v in figures.items() if k not in ("journeys", "overflowing")}
        terminalreporter.write_line(f"browser suite: {shown} (details in {SUMMARY})")
