"""Sign-in: repeated wrong passwords lock a name (and an address) out for a growing while."""

import gradio as gr
import httpx
import pytest
from gradio_client import Client
from starlette.requests import Request as StarletteRequest

from coach.services.accounts import add_user, verify
from coach.ui.web.app import build_app
from coach.ui.web.common import owner_of
from coach.ui.web.signin import SignInGuard, SignInLocked, Throttle, sign_in_options
from tests.conftest import make_services


class Clock:
    """A clock the test moves by hand: no real waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def guard_with(clock, password="right-password"):
    return SignInGuard(
        lambda name, pw: pw == password,
        by_name=Throttle(clock=clock),
        by_address=Throttle(max_failures=20, clock=clock),
    )


def test_five_wrong_passwords_lock_the_name_for_a_minute_with_a_plain_message():
    clock = Clock()
    guard = guard_with(clock)
    for _ in range(5):
        assert guard.check("ana", "wrong") is False
    with pytest.raises(SignInLocked, match="Too many failed sign-ins.*1 minute"):
        guard.check("ana", "right-password")
    clock.now += 61
    assert guard.check("ana", "right-password") is True


def test_the_lock_grows_with_each_further_failure():
    clock = Clock()
    guard = guard_with(clock)
    for _ in range(5):
        guard.check("ana", "wrong")
    clock.now += 61
    assert guard.check("ana", "wrong") is False  # the sixth failure: two minutes this time
    clock.now += 61
    with pytest.raises(SignInLocked, match="1 minute"):
        guard.check("ana", "right-password")
    clock.now += 60
    assert guard.check("ana", "right-password") is True


def test_a_right_password_before_the_limit_signs_in_and_clears_the_count():
    clock = Clock()
    guard = guard_with(clock)
    for _ in range(4):
        guard.check("ana", "wrong")
    assert guard.check("ana", "right-password") is True
    for _ in range(4):
        guard.check("ana", "wrong")
    assert guard.check("ana", "right-password") is True, "the count started again"


def test_a_locked_name_does_not_lock_out_other_people():
    guard = guard_with(Clock())
    for _ in range(5):
        guard.check("ana", "wrong", "10.0.0.1")
    assert guard.check("ben", "right-password", "10.0.0.1") is True


def test_the_name_lock_holds_from_any_address_and_in_any_case():
    guard = guard_with(Clock())
    for _ in range(5):
        guard.check("ana", "wrong", "10.0.0.1")
    with pytest.raises(SignInLocked):
        guard.check(" ANA", "right-password", "10.0.0.2")


def test_one_address_guessing_many_names_is_locked_out():
    guard = guard_with(Clock())
    for i in range(20):
        assert guard.check(f"user{i}", "wrong", "203.0.113.9") is False
    with pytest.raises(SignInLocked):
        guard.check("ben", "right-password", "203.0.113.9")
    assert guard.check("ben", "right-password", "198.51.100.7") is True


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    svc = make_services(tmp_path_factory.mktemp("signin") / "data", auth=True)
    add_user(svc, "ana", "ana-password")
    add_user(svc, "ben", "ben-password")
    clock = Clock()
    guard = SignInGuard(
        lambda name, pw: verify(svc, name, pw),
        by_name=Throttle(clock=clock),
    )
    demo = build_app(svc)
    demo.queue()
    demo.launch(
        server_name="127.0.0.1", prevent_thread_lock=True, quiet=True, **sign_in_options(svc, guard)
    )
    yield demo.local_url, clock, guard
    demo.close()


def sign_in(base, name, password):
    return httpx.post(f"{base}login", data={"username": name, "password": password})


def test_through_the_page_a_locked_name_gets_a_plain_refusal_then_signs_in_later(page):
    base, clock, _ = page
    assert sign_in(base, "ana", "ana-password").status_code == 200
    for _ in range(5):
        assert sign_in(base, "ana", "guess").status_code == 400
    locked = sign_in(base, "ana", "ana-password")
    assert locked.status_code == 429 and "Too many failed sign-ins" in locked.json()["detail"]
    assert sign_in(base, "ben", "ben-password").status_code == 200, "others sign in as usual"
    clock.now += 61
    client = Client(base, auth=("ana", "ana-password"), verbose=False)
    assert client.predict(10, api_name="/who_next") is not None


def test_the_page_knows_the_address_of_each_sign_in(page):
    base, _, guard = page
    sign_in(base, "nobody", "guess")
    assert guard.by_address.wait("address:127.0.0.1") == 0.0
    assert guard.by_address._records["address:127.0.0.1"].failures >= 1


def _request(auth):
    app = type("App", (), {"auth": auth, "auth_dependency": None})()
    scope = {"type": "http", "app": app, "headers": [], "method": "POST", "path": "/"}
    return gr.Request(request=StarletteRequest(scope))


def test_with_sign_in_on_a_request_without_a_user_is_refused_not_served_as_local():
    with pytest.raises(gr.Error, match="Sign in"):
        owner_of(_request(auth=lambda name, pw: True))
    with pytest.raises(gr.Error, match="Sign in"):
        owner_of(None)


def test_with_sign_in_off_the_single_local_user_is_served():
    assert owner_of(_request(auth=None)) == "local"
    signed = _request(auth=lambda name, pw: True)
    signed.username = "ana"
    assert owner_of(signed) == "ana"
