"""The Store: one SQLite file holding a person's network, opened from a path.

CONTRACT (signatures are fixed; other modules are being written against them).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pendulum import Date, DateTime

from core.agenda import Agenda
from core.models import (
    Commitment,
    Network,
    Contact,
    ContactDetail,
    FollowUpQuestion,
    ImportantDate,
    Interaction,
    LifeEvent,
    Note,
)


class StoreError(Exception):
    """A problem with the database file, worded for the user (not a bug)."""


class NotFound(StoreError):
    """No row with that id."""


class Store:
    """A network in one SQLite file. Open with `Store.open(path)`; close when done."""

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Store:
        """Open (and create/migrate) the database at `path`.

        Creates missing parent dirs 0700 and the file 0600. WAL, foreign keys, busy timeout.
        Raises StoreError (never modifying the file) when it is not a SQLite database, is from
        a newer schema version, or `create` is False and it does not exist.
        """
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # --- settings -------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        raise NotImplementedError

    def set_setting(self, key: str, value: str) -> None:
        raise NotImplementedError

    # --- contacts -------------------------------------------------------------------
    def add_contacts(
        self, contacts: Sequence[Contact], *, today: Date, daily_budget: int
    ) -> list[Contact]:
        """Insert new contacts (their `id` is ignored) in one transaction.

        Contacts with no `last_touch_at` get a `first_due_on` spread by
        `core.budget.spread_first_due_dates` over the days already loaded.
        Returns the stored contacts with their ids.
        """
        raise NotImplementedError

    def update_contact(self, contact: Contact) -> Contact:
        """Save every field of an existing contact (recomputing its next due date)."""
        raise NotImplementedError

    def get_contact(self, contact_id: int) -> Contact:
        raise NotImplementedError

    def contact_names(self, *, include_archived: bool = False) -> list[tuple[int, str]]:
        """(id, display name) of every contact, for name resolution."""
        raise NotImplementedError

    def list_contacts(
        self, *, circle: str | None = None, tag: str | None = None
    ) -> list[Contact]:
        raise NotImplementedError

    def contact_detail(self, contact_id: int, *, interactions: int = 20) -> ContactDetail:
        raise NotImplementedError

    # --- interactions and triage (each undoable with `undo`) ------------------------
    def log_interaction(self, interaction: Interaction, *, today: Date) -> Interaction:
        """Store a touch and update the contact's cadence state in the same transaction.

        A congrats interaction also acknowledges the contact's celebrations due around
        `today` (important dates within their lead window, recent life events).
        """
        raise NotImplementedError

    def snooze(self, contact_id: int, until: Date, *, today: Date) -> Contact:
        raise NotImplementedError

    def skip(self, contact_id: int, *, today: Date) -> Contact:
        raise NotImplementedError

    def complete_commitment(self, commitment_id: int, *, today: Date) -> Commitment:
        raise NotImplementedError

    def undo(self) -> str | None:
        """Revert the latest undoable action; returns what was undone, None if nothing."""
        raise NotImplementedError

    # --- the rest of a person's record -----------------------------------------------
    def add_question(self, contact_id: int, text: str, *, today: Date) -> FollowUpQuestion:
        raise NotImplementedError

    def mark_question_asked(self, question_id: int, *, today: Date) -> FollowUpQuestion:
        raise NotImplementedError

    def add_commitment(
        self, contact_id: int, text: str, *, due_on: Date | None, today: Date
    ) -> Commitment:
        raise NotImplementedError

    def open_commitments(self, contact_id: int) -> list[Commitment]:
        raise NotImplementedError

    def add_important_date(self, date: ImportantDate) -> ImportantDate:
        raise NotImplementedError

    def add_life_event(self, event: LifeEvent) -> LifeEvent:
        raise NotImplementedError

    def add_note(self, contact_id: int, body: str, *, now: DateTime) -> Note:
        raise NotImplementedError

    def load_network(self, network: Network) -> None:
        """Bulk-load a whole network into an EMPTY database in one transaction, fast.

        Ids and every field are kept exactly as given (the generator/importer has already
        folded interactions into each contact's cadence state with core.cadence); only
        `next_due_on` is computed. Uses sqlite-utils bulk inserts inside `db.atomic()` with a
        large batch size. Raises StoreError if the database already holds contacts.
        """
        raise NotImplementedError

    # --- reading ---------------------------------------------------------------------
    def agenda(self, today: Date, *, limit: int = 50, daily_budget: int = 5) -> Agenda:
        """The agenda for `today`: at most `limit` check-ins (the most urgent), all else."""
        raise NotImplementedError

    def search(self, text: str, *, limit: int = 50) -> list[tuple[Contact, str]]:
        """Full-text search over names, notes and interaction summaries: (contact, snippet)."""
        raise NotImplementedError
