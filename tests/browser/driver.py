"""Playwright's synchronous API in a thread of its own.

The synchronous API runs an asyncio loop in the thread that started it and leaves it marked
as running between calls. In that thread Django then counts as async code: it refuses ORM
calls, and its per-thread database connections become per-context ones, so a test would
read and write through another connection than the one the test database was set up on
(its serialized rows for ``serialized_rollback`` included). So the browser lives in one
worker thread and every call is handed to it; the test's thread stays plain synchronous
Django. ``Remote`` wraps each Playwright object the calls return, so tests use the usual
API (``page.goto``, ``page.locator(...).click()``, ``with page.expect_navigation():``).
Callbacks (``page.on``, ``page.route``) run in the worker thread with the plain objects.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor


def _is_playwright(value) -> bool:
    return type(value).__module__.startswith("playwright.")


class Driver:
    def __init__(self):
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="playwright")

    def call(self, function, *args, **kwargs):
        """Run ``function`` in the browser's thread; the result wrapped, errors raised here."""
        args = [_plain(a) for a in args]
        kwargs = {k: _plain(v) for k, v in kwargs.items()}
        return self.wrap(self._worker.submit(function, *args, **kwargs).result())

    def wrap(self, value):
        if isinstance(value, list):
            return [self.wrap(v) for v in value]
        return Remote(value, self) if _is_playwright(value) else value

    def close(self):
        self._worker.shutdown(wait=True)


def _plain(value):
    return object.__getattribute__(value, "_target") if isinstance(value, Remote) else value


class Remote:
    """A Playwright object used from the test's thread; every use runs in the browser's."""

    __slots__ = ("_driver", "_target")

    def __init__(self, target, driver: Driver):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_driver", driver)

    def __getattr__(self, name):
        driver, target = self._driver, self._target
        value = driver._worker.submit(getattr, target, name).result()
        if callable(value) and not _is_playwright(value):
            return lambda *args, **kwargs: driver.call(value, *args, **kwargs)
        return driver.wrap(value)

    def __enter__(self):
        return self._driver.call(type(self._target).__enter__, self._target)

    def __exit__(self, *exc):
        return self._driver.call(type(self._target).__exit__, self._target, *exc)

    def __repr__(self):
        return f"Remote({self._target!r})"


def expect(remote: Remote, message: str | None = None):
    """Playwright's ``expect`` for a wrapped page or locator (its waits run in the browser's
    thread)."""
    from playwright.sync_api import expect as playwright_expect

    driver = object.__getattribute__(remote, "_driver")
    return driver.call(playwright_expect, remote, message)
