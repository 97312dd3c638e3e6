"""The funding world's probes by part (``test_funding.py`` runs each group on a world of
its own; ``test_routes_covered.py`` counts their routes)."""

from tests.security.funding_apply import APPLY_READS
from tests.security.funding_apply_writes import APPLY_WRITES
from tests.security.funding_decide import DECIDE_READS
from tests.security.funding_decide_writes import DECIDE_WRITES
from tests.security.funding_mine import MINE_READS
from tests.security.funding_review import REVIEW_READS
from tests.security.funding_review_writes import REVIEW_WRITES

READ_GROUPS = {
    "apply": APPLY_READS,
    "review": REVIEW_READS,
    "decide": DECIDE_READS,
    "mine": MINE_READS,
}
WRITE_GROUPS = {"apply": APPLY_WRITES, "review": REVIEW_WRITES, "decide": DECIDE_WRITES}
FUNDING_WORLD_PROBES = [
    *(p for group in READ_GROUPS.values() for p in group),
    *(c for group in WRITE_GROUPS.values() for c in group),
]
