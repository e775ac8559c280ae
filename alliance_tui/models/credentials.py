"""Running totals toward the ICF credentials a coach tracks in the hours log.

The thresholds are the ICF's coaching-experience minimums: ACC 100 hours
(75 paid), PCC 500 (450 paid), MCC 2,500 (2,250 paid). Pro bono hours count
toward the total, not toward the paid part.
"""

from __future__ import annotations

from dataclasses import dataclass

from .wording import plural


@dataclass(frozen=True)
class Credential:
    name: str
    hours: float
    paid: float


CREDENTIALS = (Credential("ACC", 100, 75), Credential("PCC", 500, 450), Credential("MCC", 2500, 2250))


@dataclass(frozen=True)
class CredentialProgress:
    credential: Credential
    hours: float  # paid and pro bono together
    paid: float

    @property
    def met(self) -> bool:
        return self.hours >= self.credential.hours and self.paid >= self.credential.paid

    @property
    def line(self) -> str:
        """``PCC: 312.50 of 500 hours, 290.00 of 450 paid`` or ``ACC: met (612.50 hours, 540.00 paid)``."""
        c = self.credential
        if self.met:
            return f"{c.name}: met ({self.hours:.2f} hours, {self.paid:.2f} paid)"
        return f"{c.name}: {self.hours:.2f} of {c.hours:,.0f} hours, {self.paid:.2f} of {c.paid:,.0f} paid"


def credential_progress(paid: float, pro_bono: float) -> tuple[CredentialProgress, ...]:
    """Where the coach stands against each credential, lowest first."""
    return tuple(CredentialProgress(c, paid + pro_bono, paid) for c in CREDENTIALS)


def next_credential(paid: float, pro_bono: float) -> CredentialProgress | None:
    """The first credential not yet met, or None once all are: the one a coach is working toward."""
    return next((p for p in credential_progress(paid, pro_bono) if not p.met), None)


def hours_summary(
    clients: int, sessions: int, paid: float, pro_bono: float, *, toward: tuple[float, float] | None = None
) -> str:
    """One sentence for the end of an hours export: what it holds, then the next credential's distance.

    ``toward`` is (paid, pro bono) over every client when the export left some out: hours count
    toward a credential whether or not the client agreed to be named.
    """
    head = (
        f"{plural(clients, 'client')}, {plural(sessions, 'session')}: {paid:.2f} paid and {pro_bono:.2f} pro bono hours"
    )
    all_paid, all_free = toward if toward is not None else (paid, pro_bono)
    progress = next_credential(all_paid, all_free)
    return f"{head}. {progress.line}" if progress else f"{head}. ACC, PCC and MCC hours all met"
