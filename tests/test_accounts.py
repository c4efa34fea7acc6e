"""Signing in and out, and resetting a forgotten password by email."""

import re

import pytest
from django.core import mail

from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_sign_in_shows_a_clear_message_on_a_wrong_password(client):
    make_user("ann")
    response = client.post("/accounts/login/", {"username": "ann", "password": "nope"})
    assert "Your username and password did not match." in response.text
    response = client.post("/accounts/login/", {"username": "ann", "password": "pw"}, follow=True)
    assert "Sign out (ann)" in response.text
    response = client.post("/accounts/logout/", follow=True)
    assert "Sign in" in response.text


def test_a_forgotten_password_is_reset_through_an_emailed_link(client):
    user = make_user("ann")
    user.email = "ann@example.org"
    user.save()
    response = client.post("/accounts/password_reset/", {"email": "ann@example.org"}, follow=True)
    assert "Check your email" in response.text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ann@example.org"]
    link = re.search(r"http://\S+/accounts/reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[-1]
    form = client.get(path, follow=True)
    assert "Choose a new password" in form.text
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-long-new-passphrase", "new_password2": "a-long-new-passphrase"},
        follow=True,
    )
    assert "Password changed" in done.text
    assert client.login(username="ann", password="a-long-new-passphrase")


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    response = client.post(
        "/accounts/password_reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert "Check your email" in response.text
    assert mail.outbox == []
