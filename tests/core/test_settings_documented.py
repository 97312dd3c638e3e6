"""Every environment setting is documented where it is defined and in .env.example."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from proeftuin.core.env import DOCUMENTED

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_has_help_text():
    assert DOCUMENTED, "no settings were read through proeftuin.core.env.env"
    for name, setting in DOCUMENTED.items():
        assert len(setting.help) > 15, f"{name} needs a real description"


def test_every_setting_is_in_env_example():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    mentioned = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    missing = sorted(set(DOCUMENTED) - mentioned)
    assert not missing, f".env.example does not document: {missing}"


def test_no_insecure_defaults():
    assert DOCUMENTED["SECRET_KEY"].default is not None
    assert DOCUMENTED["DEBUG"].default is False
    assert DOCUMENTED["ALLOWED_HOSTS"].default == []
    assert settings.SESSION_COOKIE_HTTPONLY


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make run" in head and "make test" in head
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("cast", "raw", "expected"), [(float, "0.85", 0.85), (int, "7", 7), (bool, "true", True)]
)
def test_env_casts_a_set_variable(monkeypatch, cast, raw, expected):
    from proeftuin.core.env import env

    monkeypatch.setattr("proeftuin.core.env.DOCUMENTED", {})
    monkeypatch.setenv("PROEFTUIN_TEST_CAST", raw)
    value = env("PROEFTUIN_TEST_CAST", default=None, cast=cast, help="a test setting")
    assert value == expected and type(value) is cast
