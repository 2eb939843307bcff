"""Chaos conformance (`connsim chaos`): random fault schedules over catalogue workloads, then
heal, then invariants on the remote's real state: every record exactly once, or visibly failed
with the remote's reason; never lost, never doubled; nothing sent for dismissed records."""
