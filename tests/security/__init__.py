"""The hostile-user suite.

``world.py`` builds organisation A (private cases in every status and visibility, an
uploaded document with suggestions, an audit history) and B beside it, with every actor:
both organisations' viewer, contributor, editor and organisation administrator, an
outsider, a revoked and a deactivated user, an anonymous visitor and a platform
administrator. ``probes.py`` (reads) and ``writes.py`` (changes) say what each route is
tried with; ``test_routes_covered.py`` fails for a route in the URL conf that neither
covers nor exempts with a reason.

A module with records of its own declares them and its list, count, export, search,
detail and API routes once in ``modules.py`` (the helper is ``visibility.py``); other
private things go into ``World`` (with a marker and the role they need) and their routes
into ``READS``/``WRITES``. Every actor then tries them.
"""
