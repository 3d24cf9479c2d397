"""`tally annotate invite NAME`: an annotator account on the running server, by invitation.

tally starts Label Studio with open sign-up closed (`DISABLE_SIGNUP_WITHOUT_LINK`), so an
account exists only when someone holding the organization's invitation link signs up
through it. Label Studio's API creates users without a password, so the invitation is used
the way Label Studio means it to be: the admin reads the invitation link through the API,
signs the annotator up through it with a generated password, and then resets the link's
token, so the link just used opens no further account.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from annotate.client import REQUEST, AnnotateError

EMAIL_DOMAIN = "tally.local"
NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Invitation:
    email: str
    username: str
    password: str
    login_url: str


def annotator_email(name: str) -> str:
    """NAME is an email address, or a short name that becomes NAME@tally.local."""
    name = name.strip()
    if "@" in name:
        if not EMAIL.fullmatch(name):
            raise AnnotateError(f"{name!r} is not an email address")
        return name.lower()
    if not NAME.fullmatch(name.lower()):
        raise AnnotateError(
            f"annotator name {name!r}: use letters, digits, '.', '_' or '-' (up to 64), "
            "starting with a letter or digit, or give an email address"
        )
    return f"{name.lower()}@{EMAIL_DOMAIN}"


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def invite(client, url: str, name: str, *, password: str | None = None) -> Invitation:
    """Create the annotator's account through the invitation link; AnnotateError says why not."""
    import httpx

    email = annotator_email(name)
    password = password or secrets.token_urlsafe(12)
    link = client.organizations.invites.get_invite_link(request_options=REQUEST)
    signup = url.rstrip("/") + link.invite_url
    try:
        with httpx.Client(timeout=60, follow_redirects=False) as web:
            form = web.get(signup)
            csrf = web.cookies.get("csrftoken")
            if form.status_code != 200 or not csrf:
                raise AnnotateError(
                    f"the sign-up page {url}/user/signup/ answered HTTP {form.status_code} "
                    "without a form; is this a Label Studio server?"
                )
            answer = web.post(
                signup,
                data={"email": email, "password": password, "csrfmiddlewaretoken": csrf},
                headers={"Referer": signup},
            )
    finally:
        client.organizations.reset_token(request_options=REQUEST)  # the link is used up
    if answer.status_code != 302:
        raise AnnotateError(f"Label Studio refused the account {email}: {_form_error(answer)}")
    return Invitation(email, email.split("@")[0], password, url.rstrip("/") + "/user/login/")


def _form_error(answer) -> str:
    """The sign-up form's own error text (e.g. the email is taken), else the HTTP status."""
    import html

    blocks = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)</(?:ul|div|p)>', answer.text, re.S)
    found = [
        html.unescape(" ".join(t.split()))
        for b in blocks
        for t in re.findall(r">([^<]+)<", f">{b}<")
    ]
    found = [f for f in found if f]
    return "; ".join(dict.fromkeys(found)) if found else f"HTTP {answer.status_code}"
