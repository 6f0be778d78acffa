def login(client):
    return client.post("/auth/login", data={"name": "ada"})


def test_old_home_names_its_status(client):
    assert client.get("/old-home").status_code == 302


def test_legacy_is_written_by_hand(client):
    response = client.get("/legacy")
    assert response.status_code == 302


def test_start_goes_home(client):
    response = client.get("/start")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_helper_makes_the_request(client):
    response = login(client)
    assert response.status_code != 200
