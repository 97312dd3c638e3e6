"""Every form widget gets the Utrecht class of its kind from the form renderer."""

from django import forms
from django.utils.translation import gettext_lazy

from proeftuin.core.renderers import UtrechtFormRenderer


class Everything(forms.Form):
    name = forms.CharField()
    email = forms.EmailField()
    year = forms.IntegerField()
    moment = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    text = forms.CharField(widget=forms.Textarea)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    many = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.SelectMultiple)
    boxes = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField()
    own = forms.CharField(widget=forms.TextInput(attrs={"class": "utrecht-textbox pt-narrow"}))
    admin = forms.CharField(widget=forms.TextInput(attrs={"class": "vTextField"}))
    secret = forms.CharField(widget=forms.HiddenInput)


def html(field):
    return str(Everything(renderer=UtrechtFormRenderer())[field])


def test_the_site_uses_the_renderer(settings):
    assert settings.FORM_RENDERER == "proeftuin.core.renderers.UtrechtFormRenderer"
    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in str(Everything()["name"])


def test_each_widget_gets_its_class():
    for field in ("name", "email", "year", "moment"):
        assert 'class="utrecht-textbox utrecht-textbox--html-input"' in html(field)
    assert 'class="utrecht-textarea utrecht-textarea--html-textarea"' in html("text")
    assert 'class="utrecht-select utrecht-select--html-select"' in html("kind")
    assert 'class="utrecht-select utrecht-select--html-select"' in html("many")
    assert 'class="utrecht-checkbox utrecht-checkbox--html-input"' in html("agree")


def test_checkbox_lists_get_the_class_on_each_box_not_around_them():
    boxes = html("boxes")
    assert boxes.count('class="utrecht-checkbox utrecht-checkbox--html-input"') == 2
    assert boxes.startswith('<div id="id_boxes">')


def test_own_and_admin_classes_and_hidden_inputs_are_kept():
    assert 'class="utrecht-textbox pt-narrow"' in html("own")
    assert 'class="vTextField"' in html("admin")
    assert "class=" not in html("secret")


class Selects(forms.Form):
    plain = forms.ChoiceField(choices=[("a", "A"), ("b", "B & <c>")], initial="b")
    empty = forms.ChoiceField(
        choices=[("", gettext_lazy("All")), (1, "One"), (2, "Two")], required=False
    )
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("x", "X")],
        initial="pear",
    )
    many = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", 'B "quoted"'), ("c", "C")],
        initial=["a", "c"],
        widget=forms.SelectMultiple(attrs={"size": 3, "data-x": "<y>", "disabled": True}),
    )
    yes_no = forms.NullBooleanField()


class Numbers(forms.Form):
    year = forms.TypedChoiceField(choices=[(2024, 2024), (2025, 2025)], coerce=int)


class TemplatesOnly(UtrechtFormRenderer):
    write_selects = False


def _by_templates(form, name):
    """The field as Django's own widget templates render it."""
    return str(form.__class__(data=form.data or None, renderer=TemplatesOnly())[name])


def test_selects_are_written_as_the_widget_templates_write_them():
    for data in (None, {"plain": "a", "grouped": "x", "many": ["b"], "yes_no": "true"}):
        form = Selects(data=data, renderer=UtrechtFormRenderer())
        for name in form.fields:
            assert str(form[name]) == _by_templates(form, name), name
            assert 'class="utrecht-select utrecht-select--html-select"' in str(form[name])


def test_selects_with_other_labels_go_through_the_templates():
    form = Numbers(renderer=UtrechtFormRenderer())
    assert str(form["year"]) == _by_templates(form, "year")
    assert '<option value="2025">2025</option>' in str(form["year"])


class Checkboxes(forms.Form):
    plain = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B & <c>"), ("c", 'C "quoted"')],
        initial=["b"],
        widget=forms.CheckboxSelectMultiple,
    )
    grouped = forms.MultipleChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("x", "X")],
        widget=forms.CheckboxSelectMultiple(attrs={"data-x": "<y>"}),
    )
    numbered = forms.TypedMultipleChoiceField(
        choices=[(1, "One"), (2, "Two")], coerce=int, widget=forms.CheckboxSelectMultiple
    )


def test_checkbox_lists_are_written_as_the_widget_templates_write_them():
    for data in (None, {"plain": ["a", "c"], "grouped": ["pear"], "numbered": ["2"]}):
        form = Checkboxes(data=data, renderer=UtrechtFormRenderer())
        for name in form.fields:
            assert str(form[name]) == _by_templates(form, name), name
            assert 'class="utrecht-checkbox utrecht-checkbox--html-input"' in str(form[name])
