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
    status = actions.add_parser("status", help="say what runs; exit 1 when not both")
    status.add_argument("--quiet", action="store_true")
    status.set_defaults(func=_status)
    run = actions.add_parser(
        "run", help="run a command with the stack up; stop it after if this started it"
    )
    run.add_argument("cmd", nargs=argparse.REMAINDER, help="-- COMMAND ARGS...")
    run.set_defaults(func=_run)


def _up(args: argparse.Namespace) -> int:
    from claimwire.settings import KafkaSettings
    from claimwire.stack.elasticsearch import start_elasticsearch
    from claimwire.stack.jvm import StackError, require_tools
    from claimwire.stack.kafka import start_kafka
    from claimwire.stack.settings import StackSettings

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
    from kafka.errors import KafkaError

    from claimwire.kafka_io import ensure_topics
    from claimwire.settings import KafkaSettings

    settings = KafkaSettings()
    try:
        created = ensure_topics(settings)
    except KafkaError as exc:
        print(f"claimwire stack topics: {settings.kafka_bootstrap_servers}: {exc}", file=sys.stderr)
        return 1
    print(f"topics: created {', '.join(created)}" if created else "topics: all exist")
    return 0


def _down(args: argparse.Namespace) -> int:
    from claimwire.stack.jvm import Service, stop_process
    from claimwire.stack.settings import StackSettings

    settings = StackSettings()
    for name in ("elasticsearch", "kafka"):
        stopped = stop_process(Service(name, settings))
        print(f"{name}: {'stopped' if stopped else 'was not running'}")
    return 0


def _status(args: argparse.Namespace) -> int:
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
    cmd = [c for c in args.cmd if c != "--"] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        print("claimwire stack run: give a command after --", file=sys.stderr)
        return 2
    quiet = argparse.Namespace(quiet=True)
    started_here = _status(quiet) != 0
    if started_here and _up(args) != 0:
        return 1
    from claimwire.stack.es_security import stack_environment
    from claimwire.stack.settings import StackSettings

    # The credentials reach the command through its environment, never its arguments.
    env = {**os.environ, **stack_environment(StackSettings())}
    try:
        return subprocess.call(cmd, env=env)
    finally:
        if started_here:
            _down(args)
