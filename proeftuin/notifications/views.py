"""The "Meldingen" page (mark read, mark all read) and the "Meldingsvoorkeuren" page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from proeftuin.notifications import selectors, services
from proeftuin.notifications.events import events
from proeftuin.notifications.forms import PreferencesForm
from proeftuin.notifications.models import Notification

PAGE_SIZE = 20


@login_required
@require_GET
def notification_list(request):
    paginator = Paginator(selectors.notification_list(request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("pagina"))
    hidden = selectors.hidden_subjects(request.user, page.object_list)
    labels = {e.key: e.label for e in events}
    rows = [(n, n.pk in hidden, labels.get(n.event, "")) for n in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "unread": selectors.notification_unread_count(request.user),
        "querystring": "",
    }
    return render(request, "notifications/list.html", context)


def _back(request):
    """To the list, on the page the button was pressed on."""
    url = reverse("notifications:list")
    page = request.POST.get("pagina", "")
    return redirect(f"{url}?pagina={page}" if page.isdigit() else url)


@login_required
@require_POST
def mark_read(request, uuid):
    try:
        services.notification_mark_read(actor=request.user, notification=uuid)
    except Notification.DoesNotExist as exc:
        raise Http404(_("This notification does not exist.")) from exc
    return _back(request)


@login_required
@require_POST
def mark_all_read(request):
    count = services.notification_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return _back(request)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = selectors.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(actor=request.user, choices=form.choices())
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
