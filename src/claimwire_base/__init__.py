"""The shared base every Claimwire service imports: settings, Kafka clients and ACLs, health.

It sits at the bottom of the import graph: it imports only ``claimwire_schemas`` and
third-party packages, never the services nor the ``claimwire`` command (CLI, demo,
local stack) that stands on top of them.
"""
