"""``claimwire stack up|down|status|run``: the local Kafka and Elasticsearch."""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import time


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("stack", help="the local Kafka and Elasticsearch (no Docker)")
    actions = parser.add_subparsers(dest="stack_command", required=True, metavar="ACTION")
    actions.add_parser("up", help="start both (idempotent) and create the topics").set_defaults(
        func=_up
    )
    actions.add_parser("down", help="stop what `up` started").set_defaults(func=_down)
    actions.add_parser(
        "topics", help="create the four topics on CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS (idempotent)"
    ).set_defaults(func=_topics)
    kafka_setup = actions.add_parser(
        "kafka-setup",
        help="on CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS, as the (super user) login of "
        "CLAIMWIRE_KAFKA_SASL_*: the four topics, each service's SCRAM user "
        "(CLAIMWIRE_STACK_KAFKA_<SERVICE>_USERNAME/_PASSWORD) and its ACLs (idempotent)",
    )
    kafka_setup.add_argument(
        "--prefixed",
        action="store_true",
        help="grant on name prefixes, so <topic>.<run> names work too (the local stack's way)",
    )
    kafka_setup.set_defaults(func=_kafka_setup)
    status = actions.add_parser("status", help="say what runs; exit 1 when not both")
    status.add_argument("--quiet", action="store_true")
    status.set_defaults(func=_status)
    run = actions.add_parser(
        "run", help="run a command with the stack up; stop it after if this started it"
    )
    run.add_argument("cmd", nargs=argparse.REMAINDER, help="-- COMMAND ARGS...")
    run.set_defaults(func=_run)


def _up(args: argparse.Namespace) -> int:
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from claimwire.stack.elasticsearch import start_elasticsearch
    from claimwire.stack.jvm import StackError, require_tools
    from claimwire.stack.kafka import start_kafka
    from claimwire.stack.settings import StackSettings
    from claimwire_base.settings import KafkaSettings

    settings = StackSettings()
    started = time.monotonic()
    # Refused connections are expected while the broker boots; the wait reports real failures.
    logging.getLogger("kafka").setLevel(logging.CRITICAL)
    # The admin's template set-up would log every request at INFO.
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    try:
        require_tools(settings)
        print(start_kafka(settings, KafkaSettings()), flush=True)
        print(start_elasticsearch(settings), flush=True)
    except StackError as exc:
        print(f"claimwire stack up: {exc}", file=sys.stderr)
        return 1
    print(f"stack up in {time.monotonic() - started:.1f}s", flush=True)
    return 0


def _topics(args: argparse.Namespace) -> int:
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from kafka.errors import KafkaError

    from claimwire_base.kafka_io import ensure_topics
    from claimwire_base.settings import KafkaSettings

    settings = KafkaSettings()
    try:
        created = ensure_topics(settings)
    except KafkaError as exc:
        print(f"claimwire stack topics: {settings.kafka_bootstrap_servers}: {exc}", file=sys.stderr)
        return 1
    print(f"topics: created {', '.join(created)}" if created else "topics: all exist")
    return 0


def _kafka_setup(args: argparse.Namespace) -> int:
    """Topics, service users and ACLs for a broker this project did not start (compose)."""
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from kafka.errors import KafkaError

    from claimwire_base.kafka_acls import (
        ENRICH_GROUP,
        INDEX_GROUP,
        SERVICES,
        apply_acls,
        ensure_users,
        login_variables,
        service_grants,
        to_acls,
    )
    from claimwire_base.kafka_io import ensure_topics
    from claimwire_base.settings import KafkaSettings

    settings = KafkaSettings()
    logins: dict[str, tuple[str, str]] = {}
    for service in SERVICES:
        user_var, password_var = login_variables(service)
        if not os.environ.get(user_var) or not os.environ.get(password_var):
            print(
                f"claimwire stack kafka-setup: set {user_var} and {password_var}", file=sys.stderr
            )
            return 2
        logins[service] = (os.environ[user_var], os.environ[password_var])
    grants = service_grants(
        settings,
        enrich_group=os.environ.get("CLAIMWIRE_ENRICH_APP_ID", ENRICH_GROUP),
        index_group=os.environ.get("CLAIMWIRE_INDEX_CONSUMER_GROUP", INDEX_GROUP),
    )
    users = {service: user for service, (user, _) in logins.items()}
    try:
        created = ensure_topics(settings)
        ensure_users(settings, logins)
        count = apply_acls(
            settings, to_acls(grants, users, "prefixed" if args.prefixed else "literal")
        )
    except KafkaError as exc:
        print(f"claimwire stack kafka-setup: {exc}", file=sys.stderr)
        return 1
    print(
        f"kafka: topics created {', '.join(created) or 'none (all exist)'}; "
        f"users {', '.join(users.values())}; {count} ACLs"
    )
    return 0


def _down(args: argparse.Namespace) -> int:
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from claimwire.stack.jvm import Service, stop_process
    from claimwire.stack.settings import StackSettings

    settings = StackSettings()
    for name in ("elasticsearch", "kafka"):
        stopped = stop_process(Service(name, settings))
        print(f"{name}: {'stopped' if stopped else 'was not running'}")
    return 0


def _status(args: argparse.Namespace) -> int:
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from claimwire.stack.elasticsearch import cluster_health
    from claimwire.stack.jvm import Service, StackError, running_pid
    from claimwire.stack.settings import StackSettings

    settings = StackSettings()
    kafka_pid = running_pid(Service("kafka", settings))
    es_pid = running_pid(Service("elasticsearch", settings))
    try:
        health = cluster_health(settings) if es_pid else None
    except StackError as exc:
        print(f"claimwire stack status: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        kafka_state = f"running, pid {kafka_pid}, port {settings.kafka_port}"
        print(f"kafka:         {kafka_state if kafka_pid else 'stopped'}")
        es_state = f"running, pid {es_pid}, https port {settings.es_port}, health {health}"
        print(f"elasticsearch: {es_state if es_pid else 'stopped'}")
    return 0 if kafka_pid and health in {"yellow", "green"} else 1


def _run(args: argparse.Namespace) -> int:
    """Run the command with the stack's logins in its environment (never on its command line)."""
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from claimwire.stack.es_security import stack_environment
    from claimwire.stack.kafka_auth import client_env
    from claimwire.stack.settings import StackSettings

    cmd = [c for c in args.cmd if c != "--"] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        print("claimwire stack run: give a command after --", file=sys.stderr)
        return 2
    quiet = argparse.Namespace(quiet=True)
    started_here = _status(quiet) != 0
    if started_here and _up(args) != 0:
        return 1
    # The logins reach the command through its environment, never its arguments: Kafka's
    # (the admin's by default, each service's under its own variables) and Elasticsearch's.
    settings = StackSettings()
    env = {**os.environ, **client_env(settings), **stack_environment(settings)}
    try:
        return subprocess.call(cmd, env=env)
    finally:
        if started_here:
            _down(args)
