from tests.factories import make_case


def test_case_page_renders(client, db):
    case = make_case()
    response = client.get(f"/casussen/{case.slug}/")
    assert response.status_code == 200
    assert case.title in response.content.decode()
