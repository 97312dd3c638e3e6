"""The funding API as ``proeftuin/api/urls.py`` routes it: the rounds (a viewset for the
router) and the paths of applications, reviews and decisions."""

from proeftuin.funding.api import apply, decide, review
from proeftuin.funding.api.rounds import FundingRoundViewSet

urlpatterns = [*apply.urlpatterns, *review.urlpatterns, *decide.urlpatterns]

__all__ = ["FundingRoundViewSet", "urlpatterns"]
