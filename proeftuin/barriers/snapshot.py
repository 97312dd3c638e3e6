"""What the audit trail records of a barrier."""

from __future__ import annotations


def barrier_snapshot(barrier) -> dict:
    return {
        "title": barrier.title,
        "category": barrier.category,
        "description": barrier.description,
        "rule": barrier.rule,
        "rule_url": barrier.rule_url,
        "change_request": barrier.change_request,
        "authority": barrier.authority.name if barrier.authority_id else "",
        "state": barrier.state,
        "resolution": barrier.resolution,
        "status": barrier.status,
        "visibility": barrier.visibility,
        "merged_into": barrier.merged_into.slug if barrier.merged_into_id else "",
    }
