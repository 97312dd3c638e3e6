"""Public interface of the patents app for other apps."""

from proeftuin.patents.choices import ClaimStatus, PatentStatus
from proeftuin.patents.models import InnovationPatent
from proeftuin.patents.selectors import patent_visible
from proeftuin.patents.services import meeting_record, patent_award, patent_end
from proeftuin.patents.services_claims import claim_decide, claim_request

__all__ = [
    "ClaimStatus",
    "InnovationPatent",
    "PatentStatus",
    "claim_decide",
    "claim_request",
    "meeting_record",
    "patent_award",
    "patent_end",
    "patent_visible",
]
