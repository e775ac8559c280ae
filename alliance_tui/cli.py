"""Command line: open the app, or work on the data without it.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliance-tui",
        description="Alliance TUI: the designed alliance between coach and client, beside a live call.",
    )
    parser.add_argument("--version", action="version", version=f"alliance-tui {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where the practice lives (default: $ALLIANCE_TUI_DATA, then the user data directory)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a demo practice in a temporary directory; your real data is never touched",
    )
    parser.add_argument("--client", metavar="NAME", help="open straight into a session with this client")
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is not None:
        handler = getattr(args, "handler", None)
        if handler is None:
            parser.error(f"unknown command {args.command}")
        result: int = handler(args)
        return result
    return run_app(args)


def fail(message: str) -> int:
    print(f"alliance-tui: {message}", file=sys.stderr)
    return 2


def run_app(args: argparse.Namespace) -> int:
    from .store import PracticeStore, PracticeUnavailable, StoreError, resolve_data_dir

    demo_dir: tempfile.TemporaryDirectory[str] | None = None
    try:
        if args.demo:
            from .demo import build_demo

            demo_dir = tempfile.TemporaryDirectory(prefix="alliance-tui-demo-")
            store = build_demo(Path(demo_dir.name) / "practice")
        else:
            store = PracticeStore(resolve_data_dir(args.data_dir)).open()
    except PracticeUnavailable as exc:
        return fail(exc.message)
    except StoreError as exc:
        return fail(exc.message)
    try:
        from .app import AllianceApp

        app = AllianceApp(store, demo=bool(args.demo), start_client=args.client)
        app.run()
        return app.return_code or 0
    finally:
        store.close()
        if demo_dir is not None:
            demo_dir.cleanup()
