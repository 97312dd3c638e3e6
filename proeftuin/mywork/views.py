"""The "Mijn werk" page: what waits for the signed-in user, one section per provider."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from proeftuin.core.service import work_for


@login_required
@require_GET
def my_work(request):
    sections = work_for(request.user)
    context = {"sections": sections, "total": sum(section.count for section in sections)}
    return render(request, "mywork/page.html", context)
