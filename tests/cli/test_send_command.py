"""`config send-command`: the composer's send key runs this argv list, never a shell."""

from __future__ import annotations

import json

from data.store import Store
from tests.cli.clirun import Nurture


def stored(nt: Nurture) -> str | None:
    store = Store.open(nt.db)
    try:
        return store.get_setting("send_command")
    finally:
        store.close()


def test_send_command_is_stored_as_an_argv_list(nt: Nurture) -> None:
    assert nt("config", "send-command").stdout.strip() == "not set"
    out = nt("config", "send-command", "--", "mail", "-s", "{subject}", "{to}").stdout
    assert out.strip() == "Send command set: mail -s '{subject}' '{to}'"
    assert json.loads(stored(nt) or "") == ["mail", "-s", "{subject}", "{to}"]
    assert nt("config", "send-command").stdout.strip() == "mail -s '{subject}' '{to}'"
    assert nt("config", "show", "--json").json()["send_command"] == [
        "mail",
        "-s",
        "{subject}",
        "{to}",
    ]
    assert "send_command: mail -s '{subject}' '{to}'" in nt("config", "show").stdout


def test_words_with_spaces_and_shell_characters_stay_one_argument(nt: Nurture) -> None:
    nt("config", "send-command", "--", "my tool", "a; rm -rf ~", "$(id)")
    assert json.loads(stored(nt) or "") == ["my tool", "a; rm -rf ~", "$(id)"]


def test_clear_forgets_it(nt: Nurture) -> None:
    nt("config", "send-command", "--", "msmtp", "-t")
    nt("config", "send-command", "--clear")
    assert nt("config", "send-command").stdout.strip() == "not set"
    assert nt("config", "show", "--json").json()["send_command"] is None
    nt.fails("config", "send-command", "--clear", "msmtp")


def test_a_broken_stored_value_is_explained(nt: Nurture) -> None:
    nt("config", "daily-budget", "5")  # creates the database
    store = Store.open(nt.db)
    store.set_setting("send_command", "msmtp -t")
    store.close()
    assert "send_command: unusable: " in nt("config", "show").stdout
    assert "config send-command" in nt("config", "show", "--json").json()["send_command_problem"]
    assert "config send-command" in nt.fails("config", "send-command").stderr
