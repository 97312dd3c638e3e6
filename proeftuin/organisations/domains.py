"""The policy domains every installation starts with (key, Dutch name)."""

DEFAULT_DOMAINS = [
    ("social", "Sociaal domein"),
    ("work_income", "Werk en inkomen"),
    ("taxes", "Belastingen en toeslagen"),
    ("safety", "Veiligheid en justitie"),
    ("water", "Water en klimaat"),
    ("infrastructure", "Infrastructuur en mobiliteit"),
    ("housing", "Ruimtelijke ordening en wonen"),
    ("environment", "Milieu en energie"),
    ("education", "Onderwijs en wetenschap"),
    ("health", "Zorg en gezondheid"),
    ("public_services", "Publieke dienstverlening"),
    ("economy", "Economie en ondernemen"),
    ("agriculture", "Landbouw en natuur"),
    ("governance", "Bestuur en organisatie"),
    ("knowledge", "Kennis en statistiek"),
    ("culture", "Cultuur en erfgoed"),
    ("defence", "Defensie"),
    ("international", "Internationale zaken"),
]


def install_default_domains(domain_model) -> None:
    for key, name in DEFAULT_DOMAINS:
        domain_model.objects.get_or_create(key=key, defaults={"name": name})
