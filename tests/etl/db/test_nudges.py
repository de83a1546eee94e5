"""Nudge opt-ins and the once-per-day claim, on SQLite and MySQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

from etl.db.nudges import claim_nudge, list_optins, nudge_claimed, nudge_optin, set_nudges

ALICE, BOB = "slack:T1:UALICE", "slack:T1:UBOB"


def test_nudges_are_off_until_turned_on_and_off_again(store):
    assert nudge_optin(store, ALICE) is None and list_optins(store) == []
    assert set_nudges(store, owner_key=ALICE, team_id="T1", tz="Europe/Paris", on=True) is False
    optin = nudge_optin(store, ALICE)
    assert (optin.owner_key, optin.team_id, optin.tz) == (ALICE, "T1", "Europe/Paris")
    assert nudge_optin(store, BOB) is None, "one owner's choice is not another's"
    assert set_nudges(store, owner_key=ALICE, team_id="T1", tz="America/Denver", on=True) is True
    assert [o.tz for o in list_optins(store)] == ["America/Denver"], "on again: one row, new zone"
    set_nudges(store, owner_key=BOB, team_id="T1", tz="UTC", on=True)
    assert {o.owner_key for o in list_optins(store)} == {ALICE, BOB}
    assert set_nudges(store, owner_key=ALICE, team_id="T1", tz="UTC", on=False) is True
    assert nudge_optin(store, ALICE) is None
    assert [o.owner_key for o in list_optins(store)] == [BOB]
    assert set_nudges(store, owner_key=ALICE, team_id="T1", tz="UTC", on=False) is False


def test_a_days_nudge_is_claimed_once_per_owner(store):
    day = date(2025, 12, 10)
    assert nudge_claimed(store, ALICE, day) is False
    with ThreadPoolExecutor(max_workers=4) as pool:
        won = list(pool.map(lambda _: claim_nudge(store, ALICE, day), range(4)))
    assert sorted(won) == [False, False, False, True]
    assert nudge_claimed(store, ALICE, day) is True
    assert claim_nudge(store, ALICE, date(2025, 12, 11)) is True, "the next day is its own"
    assert claim_nudge(store, BOB, day) is True, "another owner's day is their own"
