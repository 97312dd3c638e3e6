"""Writes: source documents."""

from django.db import transaction
from django.utils.text import slugify

from proeftuin.core.service import AuditEntry, audit_record
from proeftuin.documents.models import Document


@transaction.atomic
def document_upsert(*, key: str, actor=None, **fields) -> Document:
    """Create the document ``key`` or update its descriptive fields."""
    document, created = Document.objects.get_or_create(key=slugify(key), defaults=fields)
    if not created:
        before = {f: getattr(document, f) for f in fields}
        for name, value in fields.items():
            setattr(document, name, value)
        document.save()
        audit_record(
            actor=actor, action=AuditEntry.Action.UPDATE, obj=document, before=before, after=fields
        )
    else:
        audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=document, after=fields)
    return document


@transaction.atomic
def document_create(*, key: str, actor=None, **fields) -> Document:
    """Create a new document under ``key``, or under ``key-2``, ``key-3``… when taken, so
    an upload never takes over (or reveals) a document that belongs to someone else."""
    base = slugify(key)[:110] or "document"
    candidate, n = base, 2
    while Document.objects.filter(key=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    document = Document.objects.create(key=candidate, **fields)
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=document, after=fields)
    return document
