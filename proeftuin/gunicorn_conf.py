"""Gunicorn settings used by `make run` (and usable in production with `-c`).

Each worker loads the embedding model and its vector index when it starts, instead of on
the first search, so the first visitors do not wait for it.
"""

import logging


def post_worker_init(worker):
    from proeftuin.search.runtime import warm_up

    try:
        warm_up()
    except Exception:  # a search still works without vectors; it says so on the page
        logging.getLogger("proeftuin.search").exception("warming up search failed")
