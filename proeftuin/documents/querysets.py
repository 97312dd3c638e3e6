"""Document QuerySet: which source documents a user may see, pick and cite.

A document registered without an uploaded file (a published report, a web page) is there
for everyone. A document that came from uploads is seen only by those who may see one of
its uploaded files (``ingestion.service.sources_visible``, the shared visibility rule); a
document whose uploaded files are all deleted is seen by no one."""

from __future__ import annotations

from django.db import models


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> DocumentQuerySet:
        from proeftuin.ingestion.service import SourceFile, sources_visible

        uploaded = SourceFile.objects.order_by().values("document_id")
        mine = sources_visible(user).order_by().values("document_id")  # (none deleted)
        return self.filter(~models.Q(pk__in=uploaded) | models.Q(pk__in=mine))
