"""Fixtures for the workflow tests: an "experiment" default pipeline (a copy of the shipped
initiative default) and experiments (tests/workflowsubject) that move through it."""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps

from proeftuin.accounts.models import Role
from proeftuin.core.service import Workflow, workflow_initial_stage
from proeftuin.core.workflows.services import _copy_stages
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.workflowsubject.models import Experiment


@pytest.fixture
def pipeline(db):
    """The default "experiment" workflow: the initiative default's stages, questions and
    transitions under another kind."""
    if not Workflow.objects.filter(kind="initiative", owner__isnull=True).exists():
        # a transactional test after another one: the flush took the migrations' rows
        shipped = import_module("proeftuin.core.migrations.0007_default_initiative_workflow")
        shipped.create(django_apps, None)
    default = Workflow.objects.get(kind="initiative", owner__isnull=True)
    workflow = Workflow.objects.create(kind="experiment", name="Experimenten (standaard)")
    _copy_stages(default, workflow)
    return workflow


@pytest.fixture
def people(db):
    organisation = OrganisationFactory()

    def member(role):
        return MembershipFactory(organisation=organisation, role=role).user

    return SimpleNamespace(
        organisation=organisation,
        lead=member(Role.CONTRIBUTOR),
        gatekeeper=member(Role.VIEWER),
        editor=member(Role.EDITOR),
        viewer=member(Role.VIEWER),
        admin=member(Role.ORGANISATION_ADMIN),
        outsider=UserFactory(),
    )


@pytest.fixture
def make_experiment(pipeline, people):
    def make(stage: str | None = None, **fields):
        workflow = fields.pop("workflow", pipeline)
        start = workflow.stages.get(key=stage) if stage else workflow_initial_stage(workflow)
        fields = {
            "owner": people.organisation,
            "title": "Slimme lantaarnpalen",
            "lead": people.lead,
            "gatekeeper": people.gatekeeper,
            **fields,
        }
        return Experiment.objects.create(workflow=workflow, stage=start, **fields)

    return make
