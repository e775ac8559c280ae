"""The coaching hours log, in the columns the ICF asks for in a credential application.

One row per client (individual coaching): name, contact, start and end dates,
number of sessions, and the hours split into paid and pro bono. Hours come from
each session's real start and end; a session with no end counts at its planned
length, and so does one that ran more than twice its planned length (it was
left open by mistake, and a credential log must not be inflated). A session
that ended before or as it began (the computer's clock was set back) also counts
at its planned length, never as 0.00 hours, and ``hours_warnings`` says so.

Clients who have not agreed to appear (``in_hours_log=False``) are left out, or
listed as "Client 1", "Client 2"... with no contact when ``anonymise`` is set, so
the hours still count.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, tzinfo

from ..models.record import ClientRecord
from ..models.session import Session
from ..models.wording import plural

HEADER = (
    "Client name",
    "Contact information",
    "Individual or group",
    "Number in group",
    "Start date",
    "End date",
    "Number of sessions",
    "Paid hours",
    "Pro bono hours",
)


@dataclass(frozen=True)
class HoursRow:
    name: str
    contact: str
    first: date
    last: date
    sessions: int
    hours: float
    pro_bono: bool
    clock_doubts: int = 0  # sessions whose end is not after their start, counted at their planned length

    @property
    def cells(self) -> tuple[str, ...]:
        paid, free = (0.0, self.hours) if self.pro_bono else (self.hours, 0.0)
        return (
            _cell(self.name),
            _cell(self.contact),
            "Individual",
            "1",
            self.first.isoformat(),
            self.last.isoformat(),
            str(self.sessions),
            f"{paid:.2f}",
            f"{free:.2f}",
        )


def _cell(text: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula; a name must stay a name."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def ended_before_it_began(session: Session) -> bool:
    """The clock was set back while it ran, so its recorded length means nothing."""
    return session.clock_doubt


def session_hours(session: Session) -> float:
    return session.hours


def hours_warnings(rows: list[HoursRow]) -> list[str]:
    """What the coach should check before sending the log: sessions whose times cannot be right."""
    return [
        f"{row.name}: {plural(row.clock_doubts, 'session')} ended before {'it' if row.clock_doubts == 1 else 'they'} "
        "began (was the computer's clock set back?), so counted at the planned length. Check the dates."
        for row in rows
        if row.clock_doubts
    ]


def hours_rows(
    records: list[ClientRecord],
    *,
    anonymise: bool = False,
    since: date | None = None,
    until: date | None = None,
    tz: tzinfo | None = None,
) -> list[HoursRow]:
    """Rows in order of each client's first session in the period."""
    found: list[tuple[date, str, ClientRecord, list[Session]]] = []
    for record in records:
        sessions = [
            s
            for s in record.sessions
            if (since is None or s.started.astimezone(tz).date() >= since)
            and (until is None or s.started.astimezone(tz).date() <= until)
        ]
        if not sessions:
            continue
        if not record.client.in_hours_log and not anonymise:
            continue
        first = min(s.started for s in sessions).astimezone(tz).date()
        found.append((first, record.client.name.casefold(), record, sessions))
    rows: list[HoursRow] = []
    anonymous = 0
    for first, _key, record, sessions in sorted(found, key=lambda f: (f[0], f[1])):
        client = record.client
        if client.in_hours_log:
            name, contact = client.name, client.contact
        else:
            anonymous += 1
            name, contact = f"Client {anonymous}", ""
        rows.append(
            HoursRow(
                name=name,
                contact=contact,
                first=first,
                last=max(s.started for s in sessions).astimezone(tz).date(),
                sessions=len(sessions),
                hours=round(sum(session_hours(s) for s in sessions), 2),
                pro_bono=client.pro_bono,
                clock_doubts=sum(1 for s in sessions if ended_before_it_began(s)),
            )
        )
    return rows


def hours_log_csv(
    records: list[ClientRecord],
    *,
    anonymise: bool = False,
    since: date | None = None,
    until: date | None = None,
    tz: tzinfo | None = None,
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in hours_rows(records, anonymise=anonymise, since=since, until=until, tz=tz):
        writer.writerow(row.cells)
    return buffer.getvalue()
