"""The unread count for the header (one query, signed-in users only)."""

from django.utils.functional import SimpleLazyObject

from proeftuin.notifications.selectors import notification_unread_count


def unread(request):
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: notification_unread_count(user))}
