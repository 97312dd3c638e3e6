import pytest

pytestmark = pytest.mark.django_db


def test_pages_render(signed_in, contributor, initiative):
    client = signed_in(contributor)
    for url in [
        "/initiatieven/",
        "/initiatieven/nieuw/",
        f"/initiatieven/{initiative.slug}/",
        f"/initiatieven/{initiative.slug}/bewerken/",
        f"/initiatieven/{initiative.slug}/team/nieuw/",
        f"/initiatieven/{initiative.slug}/leervragen/nieuw/",
        f"/initiatieven/{initiative.slug}/reflecties/nieuw/",
        f"/initiatieven/{initiative.slug}/kpis/nieuw/",
        f"/initiatieven/{initiative.slug}/budget/nieuw/",
        f"/initiatieven/{initiative.slug}/uren/nieuw/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
