"""The case editor page: binds the forms, calls the service, maps its errors back."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _

from proeftuin.cases import selectors, services
from proeftuin.cases.forms import CaseForm, build_formsets, formset_rows
from proeftuin.cases.models import ThemeSet
from proeftuin.core.service import ConflictError, DomainError

CONFLICT = 409


def _initial(case) -> tuple[dict, dict]:
    links = list(case.case_organisations.all())
    main = {
        "title": case.title,
        "summary": case.summary,
        "year_start": case.year_start,
        "year_end": case.year_end,
        "stage": case.stage,
        "theme_set": case.theme_set.key,
        "status": case.status,
        "visibility": case.visibility,
        "version": case.version,
        "lead_organisation": links[0].organisation if links else None,
        "other_organisations": [link.organisation for link in links[1:]],
    }
    main.update({f"section_{s.theme.key}": s.body for s in case.sections.all()})
    lists = {
        "outcomes": [
            {
                f: getattr(o, f)
                for f in ("measure", "value", "unit", "direction", "kind", "period", "baseline")
            }
            for o in case.outcomes.all()
        ],
        "lessons": [{"kind": x.kind, "text": x.text} for x in case.lessons.all()],
        "barriers": [{"category": x.category, "text": x.text} for x in case.barriers.all()],
        "people": [
            {"name": p.name, "role": p.role, "organisation_name": p.organisation_name}
            for p in case.people.all()
        ],
        "partners": [
            {"name": p.name, "role": p.role, "organisation": p.organisation}
            for p in case.partners.all()
        ],
        "recognitions": [
            {"kind": r.kind, "name": r.name, "year": r.year} for r in case.recognitions.all()
        ],
        "citations": [
            {"field": c.field, "document": c.document, "page": c.page, "quote": c.quote}
            for c in case.citations.all()
        ],
    }
    return main, lists


class CaseEditor:
    def __init__(self, request, *, case):
        self.request, self.case, self.status = request, case, 200
        data = request.POST if request.method == "POST" else None
        main, lists = _initial(case) if case else ({"theme_set": self._default_set_key()}, {})
        set_key = (data or {}).get("theme_set") or main.get("theme_set")
        self.theme_set = ThemeSet.objects.filter(key=set_key).first() or self._default_set()
        themes = list(self.theme_set.themes.all()) if self.theme_set else []
        user = request.user
        self.lead_choices = selectors.case_lead_choices(user=user, case=case)
        self.documents = selectors.case_citable_documents(user=user, case=case)
        self.form = CaseForm(data=data, initial=main, themes=themes, lead_choices=self.lead_choices)
        self.formsets = build_formsets(data=data, initial=lists, documents=self.documents)

    @staticmethod
    def _default_set():
        return ThemeSet.objects.filter(is_default=True).first() or ThemeSet.objects.first()

    def _default_set_key(self):
        default = self._default_set()
        return default.key if default else None

    def save(self) -> bool:
        valid = self.form.is_valid() & all(fs.is_valid() for fs in self.formsets.values())
        if not valid:
            self.status = 400
            return False
        data = self.form.service_data()
        data.update({name: formset_rows(fs) for name, fs in self.formsets.items()})
        try:
            self.case = self._call_service(data)
        except ConflictError as exc:
            self.form.add_error(None, str(exc.message))
            self.status = CONFLICT
            return False
        except DomainError as exc:
            self._show_errors(exc)
            self.status = 400 if exc.field_errors else 403
            return False
        messages.success(self.request, _("The case has been saved."))
        return True

    def _call_service(self, data):
        theme_set = self.form.cleaned_data["theme_set"]
        if self.case is None:
            return services.case_create(actor=self.request.user, theme_set=theme_set, **data)
        return services.case_update(
            case=self.case,
            actor=self.request.user,
            theme_set=theme_set,
            expected_version=self.form.cleaned_data.get("version"),
            **data,
        )

    def _show_errors(self, exc: DomainError) -> None:
        for field, problems in exc.field_errors.items():
            target = field if field in self.form.fields else None
            for problem in problems:
                self.form.add_error(target, problem if target else f"{field}: {problem}")
        if not exc.field_errors:
            self.form.add_error(None, str(exc.message))

    def context(self) -> dict:
        return {
            "form": self.form,
            "formsets": self.formsets.values(),
            "case": self.case,
            "theme_set": self.theme_set,
        }
