"""PostgreSQL as Django's backend has it, plus the timeouts that keep a worker out of a stalled
server's way (see base.py and watchdog.py)."""
