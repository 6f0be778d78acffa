import unittest

from flask import url_for

from shop import create_app


def test_login_redirects_home(client):
    response = client.post("/auth/login", data={"name": "ada"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_logout_status_line(client):
    response = client.get("/auth/logout")
    assert response.status == "302 FOUND"


def test_logout_by_endpoint(app, client):
    with app.test_request_context():
        assert client.get(url_for("auth.logout")).status_code in (301, 302)


def test_delete_account_follows(client):
    response = client.delete("/auth/account", follow_redirects=True)
    assert response.status_code == 200
    assert response.data == b"home"


def test_switch_may_answer_either(client):
    response = client.post("/auth/switch", data={"to": "admin"})
    assert response.status_code == 302


class LogoutCase(unittest.TestCase):
    def setUp(self):
        self.client = create_app().test_client()

    def test_logout(self):
        response = self.client.get("/auth/logout")
        self.assertEqual(response.status_code, 302)

    def test_logout_not_ok(self):
        response = self.client.get("/auth/logout")
        self.assertNotEqual(response.status_code, 200)
