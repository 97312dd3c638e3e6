"""The forms of the pipeline page: one per edit, each naming its ``action`` and carrying the
workflow version it was made from. ``run`` hands the checked values to the core editing
service, which decides (and refuses with a DomainError)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.core.service import StageCategory, workflow_editing

MULTIPLE = {"widget": forms.CheckboxSelectMultiple, "required": False}


def _stage_choices(workflow) -> list[tuple[str, str]]:
    return [(s.key, s.name) for s in workflow.stages.all()]


def _role_choices() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in workflow_editing.ROLE_LABELS.items()]


class PipelineForm(forms.Form):
    """Base: the hidden action and version; ``target`` names what the form is about."""

    action = ""
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, workflow, target: str = "", **kwargs):
        # plain field names (posted as they are), ids unique on a page with many forms
        kwargs.setdefault(
            "auto_id", f"{self.action}-{target}-%s" if target else f"{self.action}-%s"
        )
        super().__init__(*args, **kwargs)
        self.workflow = workflow
        self.target = target
        self.initial.setdefault("expected_version", workflow.version)

    done = gettext_lazy("The pipeline has been changed.")

    def done_message(self, result) -> str:
        return str(self.done)

    def service_args(self, actor) -> dict:
        return {
            "actor": actor,
            "workflow": self.workflow,
            "expected_version": self.cleaned_data["expected_version"],
        }


class StageFieldsForm(PipelineForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    name_en = forms.CharField(label=gettext_lazy("English name"), max_length=100, required=False)
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=StageCategory.choices)
    required_fields = forms.MultipleChoiceField(label=gettext_lazy("Required fields"), **MULTIPLE)
    evaluation_due_days = forms.IntegerField(
        label=gettext_lazy("Evaluation due after (days)"), min_value=1, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = workflow_editing.workflow_fields(self.workflow.kind) or {}
        self.fields["required_fields"].choices = list(fields.items())

    def stage_data(self) -> dict:
        names = ("name", "name_en", "category", "required_fields", "evaluation_due_days")
        return {name: self.cleaned_data[name] for name in names}


class StageAddForm(StageFieldsForm):
    action = "stage_add"
    key = forms.SlugField(label=gettext_lazy("Key"), max_length=40)
    from_stage = forms.ChoiceField(label=gettext_lazy("Reached from the stage"), required=False)
    actors = forms.MultipleChoiceField(label=gettext_lazy("Moved there by"), **MULTIPLE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_stage"].choices = [("", "—"), *_stage_choices(self.workflow)]
        self.fields["actors"].choices = _role_choices()

    def run(self, actor):
        data = self.cleaned_data
        return workflow_editing.stage_add(
            **self.service_args(actor),
            key=data["key"],
            from_stage=data["from_stage"] or None,
            actors=data["actors"],
            **self.stage_data(),
        )


class StageUpdateForm(StageFieldsForm):
    action = "stage_update"
    is_initial = forms.BooleanField(label=gettext_lazy("Initial stage"), required=False)

    @classmethod
    def for_stage(cls, workflow, stage, data=None):
        names = ("name", "name_en", "category", "required_fields", "evaluation_due_days")
        names += ("is_initial",)
        initial = {name: getattr(stage, name) for name in names}
        return cls(data, workflow=workflow, target=stage.key, initial=initial)

    def run(self, actor):
        return workflow_editing.stage_update(
            **self.service_args(actor),
            stage=self.target,
            is_initial=self.cleaned_data["is_initial"],
            **self.stage_data(),
        )


class StageMoveForm(PipelineForm):
    """One stage a place up or down: the whole new order goes to ``stages_reorder``."""

    action = "stage_move"
    step = forms.TypedChoiceField(choices=[("-1", "-1"), ("1", "1")], coerce=int)

    def run(self, actor):
        keys = [s.key for s in self.workflow.stages.all()]
        if self.target in keys:
            index = keys.index(self.target)
            other = index + self.cleaned_data["step"]
            if 0 <= other < len(keys):
                keys[index], keys[other] = keys[other], keys[index]
        else:
            keys.append(self.target)  # the service refuses a stage it does not know
        workflow_editing.stages_reorder(**self.service_args(actor), keys=keys)


class StageRemoveForm(PipelineForm):
    action = "stage_remove"
    move_to = forms.ChoiceField(label=gettext_lazy("Move the initiatives in it to"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [c for c in _stage_choices(self.workflow) if c[0] != self.target]
        self.fields["move_to"].choices = [("", _("(none: refuse when there are any)")), *choices]

    def done_message(self, result) -> str:
        return _("The stage has been removed (%(count)d initiatives moved).") % {"count": result}

    def run(self, actor):
        return workflow_editing.stage_remove(
            **self.service_args(actor),
            stage=self.target,
            move_to=self.cleaned_data["move_to"] or None,
        )


class QuestionFieldsForm(PipelineForm):
    text = forms.CharField(label=gettext_lazy("Question"), max_length=500)
    text_en = forms.CharField(label=gettext_lazy("English question"), required=False)
    required = forms.BooleanField(label=gettext_lazy("An answer is required"), required=False)

    def question_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("text", "text_en", "required")}


class QuestionAddForm(QuestionFieldsForm):
    action = "question_add"

    def run(self, actor):
        return workflow_editing.gate_question_add(
            **self.service_args(actor), stage=self.target, **self.question_data()
        )


class QuestionUpdateForm(QuestionFieldsForm):
    action = "question_update"

    @classmethod
    def for_question(cls, workflow, question, data=None):
        initial = {name: getattr(question, name) for name in ("text", "text_en", "required")}
        return cls(data, workflow=workflow, target=str(question.pk), initial=initial)

    def run(self, actor):
        return workflow_editing.gate_question_update(
            **self.service_args(actor), question=self.target, **self.question_data()
        )


class QuestionRemoveForm(PipelineForm):
    action = "question_remove"

    def run(self, actor):
        workflow_editing.gate_question_remove(**self.service_args(actor), question=self.target)


class QuestionMoveForm(StageMoveForm):
    action = "question_move"

    def run(self, actor):
        workflow_editing.gate_question_shift(
            **self.service_args(actor), question=self.target, step=self.cleaned_data["step"]
        )


class TransitionAddForm(PipelineForm):
    action = "transition_add"
    from_stage = forms.ChoiceField(label=gettext_lazy("From"))
    to_stage = forms.ChoiceField(label=gettext_lazy("To"))
    actors = forms.MultipleChoiceField(label=gettext_lazy("Who may make the move"), **MULTIPLE)
    is_gate = forms.BooleanField(label=gettext_lazy("A gate (with a decision)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_stage"].choices = _stage_choices(self.workflow)
        self.fields["to_stage"].choices = _stage_choices(self.workflow)
        self.fields["actors"].choices = _role_choices()

    def run(self, actor):
        data = self.cleaned_data
        return workflow_editing.transition_add(
            **self.service_args(actor),
            from_stage=data["from_stage"],
            to_stage=data["to_stage"],
            actors=data["actors"],
            is_gate=data["is_gate"],
        )


class TransitionRemoveForm(PipelineForm):
    action = "transition_remove"

    def run(self, actor):
        workflow_editing.transition_remove(**self.service_args(actor), transition=self.target)


ACTIONS = {
    form.action: form
    for form in (
        StageAddForm,
        StageUpdateForm,
        StageMoveForm,
        StageRemoveForm,
        QuestionAddForm,
        QuestionUpdateForm,
        QuestionRemoveForm,
        QuestionMoveForm,
        TransitionAddForm,
        TransitionRemoveForm,
    )
}
