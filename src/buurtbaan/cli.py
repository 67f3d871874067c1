"""The `buurtbaan` command.

buurtbaan demo [--port 8000]      set up the demo neighbourhood on SQLite and serve it
buurtbaan serve [--port 8000]     serve the application (production: waitress + whitenoise)
buurtbaan worker                  run background tasks and the scheduler (docs/background.md)
buurtbaan match ...               the matching engine on a JSON scenario or a bureau
buurtbaan <django command> ...    any Django management command (migrate, createsuperuser, ...)
"""

from __future__ import annotations

import argparse
import os
import sys


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtbaan.settings")
    import django

    django.setup()


#: The largest request the server reads. Uploads are at most 5 MB (photos, spreadsheets); this
#: leaves room for the form around them and refuses anything bigger before it reaches disk.
MAX_REQUEST_BYTES = 20 * 1024 * 1024


def _proxy_options() -> dict:
    """Behind a TLS proxy (BEHIND_PROXY), believe its X-Forwarded-Proto and X-Forwarded-For, but
    only on connections from TRUSTED_PROXY. Waitress then sets the scheme and the client's
    address, and drops forwarded headers from anyone else; without these options it drops them
    always, and every request looks like plain http from the proxy."""
    from django.conf import settings

    if not settings.BEHIND_PROXY:
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
        "clear_untrusted_proxy_headers": True,
    }


def _serve(host: str, port: int, threads: int) -> None:
    from waitress import serve

    from buurtbaan.wsgi import application

    serve(
        application,
        host=host,
        port=port,
        threads=threads,
        ident="buurtbaan",
        max_request_body_size=MAX_REQUEST_BYTES,
        **_proxy_options(),
    )


def _start_background_work() -> None:
    """Run the queue's worker and scheduler in threads of this process (docs/background.md)."""
    from buurtbaan.background.worker import start_in_background

    start_in_background()


def _site_url(host: str, port: int) -> str:
    """Where this server answers, for the links in e-mails (SITE_URL, when it is not set)."""
    if host in ("", "0.0.0.0", "::"):  # every address: this machine's own works
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _demo_environment(host: str, port: int) -> dict[str, str]:
    """The demo runs as production does, DEBUG off, so that it shows the real error pages; but
    plain http, e-mails printed to the console, and static files from the source folders.
    `DEBUG=true buurtbaan demo` keeps Django's debug pages."""
    return {
        "STATIC_FROM_SOURCE": "true",
        "HTTPS": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "ALLOWED_HOSTS": "*" if host in ("", "0.0.0.0", "::") else f"{host},127.0.0.1,localhost",
        "SITE_URL": _site_url(host, port),
    }


def _set_defaults(environment: dict[str, str]) -> None:
    """What the environment sets already wins (an operator's SITE_URL behind a proxy, say)."""
    for name, value in environment.items():
        os.environ.setdefault(name, value)


def _add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    parser.add_argument("--threads", type=int, default=8, help="worker threads (8)")


def demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="buurtbaan demo",
        description="Create or update the demo database and serve the demo neighbourhood.",
    )
    _add_server_arguments(parser)
    parser.add_argument(
        "--no-serve", action="store_true", help="set up the demo data and stop, without serving"
    )
    args = parser.parse_args(argv)
    # On the embedded SQLite database unless DATABASE_URL says otherwise.
    _set_defaults(_demo_environment(args.host, args.port))
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", url=settings.SITE_URL)
    if args.no_serve:
        return 0
    # One process serves everything: background tasks run in threads beside the server.
    _start_background_work()
    _serve(args.host, args.port, args.threads)
    return 0


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="buurtbaan serve", description="Serve buurtbaan with waitress."
    )
    _add_server_arguments(parser)
    parser.add_argument(
        "--no-collectstatic", action="store_true", help="do not collect static files first"
    )
    parser.add_argument(
        "--with-worker",
        action="store_true",
        help="also run background tasks in this process (instead of `buurtbaan worker`)",
    )
    args = parser.parse_args(argv)
    _set_defaults({"SITE_URL": _site_url(args.host, args.port)})
    _setup_django()
    if not args.no_collectstatic:
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    if args.with_worker:
        _start_background_work()
    print(f"buurtbaan serving on http://{args.host}:{args.port}/", flush=True)
    _serve(args.host, args.port, args.threads)
    return 0


def match(argv: list[str]) -> int:
    """With `--bureau SLUG` on the database (needs Django), else on a JSON scenario."""
    if any(arg == "--bureau" or arg.startswith("--bureau=") for arg in argv):
        _setup_django()
        from buurtbaan.matching.commands import main as database_main

        return database_main(argv)
    from buurtbaan.matching.engine.cli import main as engine_main

    return engine_main(argv)


COMMANDS = {"demo": demo, "serve": serve, "match": match}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    command, rest = argv[0], argv[1:]
    if command in COMMANDS:
        return COMMANDS[command](rest)
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["buurtbaan", command, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
