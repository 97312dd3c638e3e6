"""System check: the organisation's colours are valid and meet WCAG 2.1 AA contrast."""

from django.core.checks import Warning, register

from proeftuin.site.theme import contrast_failures, effective_tokens, invalid_colours


@register()
def organisation_theme_contrast(app_configs, **kwargs):
    invalid = invalid_colours()
    if invalid:
        return [
            Warning(
                f"{setting} is not a colour written as #rrggbb; the default colours are used.",
                id="sitepages.W001",
            )
            for setting in invalid
        ]
    return [
        Warning(
            f"Organisation theme fails WCAG 2.1 AA contrast: {failure}.",
            hint="Choose darker or lighter THEME_* colours (see .env.example).",
            id="sitepages.W002",
        )
        for failure in contrast_failures(effective_tokens())
    ]
