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


# The longest request line gunicorn reads (its maximum). Longer query strings than the API
# accepts (API_MAX_QUERY_STRING, below this) then reach Django and get a Dutch 414 problem
# instead of gunicorn's own English page.
limit_request_line = 8190
