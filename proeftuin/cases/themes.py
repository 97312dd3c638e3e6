"""The theme sets every installation starts with. Administrators add more in the admin."""

DEFAULT_THEME_SETS = [
    {
        "key": "casebook",
        "name": "Casebook Beste Overheidsorganisatie",
        "is_default": True,
        "themes": [
            ("openness", "Openheid"),
            ("internal_learning", "Intern leervermogen"),
            ("employership", "Werkgeverschap"),
            ("resilience", "Veerkracht"),
            ("societal_engagement", "Maatschappelijke betrokkenheid"),
            ("network_collaboration", "Netwerksamenwerking"),
            ("external_knowledge_sharing", "Externe kennisdeling"),
            ("innovation", "Innovatie"),
            ("authenticity", "Authenticiteit"),
        ],
    },
    {
        "key": "six-step",
        "name": "Zesstappenformat",
        "is_default": False,
        "themes": [
            ("project", "Project"),
            ("innovation", "De innovatie"),
            ("yields", "Opbrengsten"),
            ("process", "Proces"),
            ("political_context", "Politiek-bestuurlijke context"),
            ("follow_up", "Vervolg"),
        ],
    },
    {
        "key": "epsa",
        "name": "European Public Sector Award",
        "is_default": False,
        "themes": [
            ("innovation", "Vernieuwing"),
            ("stakeholder_involvement", "Betrokkenheid van belanghebbenden"),
            ("relevance", "Relevantie"),
            ("impact", "Impact"),
            ("sustainability", "Duurzaamheid"),
            ("transferability", "Overdraagbaarheid"),
            ("social_inclusion", "Sociale inclusie"),
        ],
    },
]


def install_default_theme_sets(theme_set_model, theme_model) -> None:
    """Create the default sets (idempotent); used by a data migration."""
    for spec in DEFAULT_THEME_SETS:
        theme_set, _created = theme_set_model.objects.get_or_create(
            key=spec["key"], defaults={"name": spec["name"], "is_default": spec["is_default"]}
        )
        for order, (key, name) in enumerate(spec["themes"]):
            theme_model.objects.get_or_create(
                theme_set=theme_set, key=key, defaults={"name": name, "order": order}
            )
